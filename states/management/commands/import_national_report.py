from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.imports import ImportRejected
from states.services import import_national_report_csv


class Command(BaseCommand):
    help = (
        "Import the national «¿Cómo vamos?» table from a CSV file with the columns of "
        "fixtures/state_progress.csv. All rows or none; importing again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="CSV file (UTF-8)")

    def handle(self, *args, path, **options):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{path}: {error}") from error
        try:
            summary = import_national_report_csv(text)
        except ImportRejected as rejected:
            raise CommandError(
                f"{path}: no se importó nada.\n" + "\n".join(map(str, rejected.errors))
            ) from rejected
        self.stdout.write(
            self.style.SUCCESS(
                f"{path}: {summary.created} filas nuevas, {summary.updated} actualizadas, "
                f"{summary.unchanged} sin cambios."
            )
        )
