from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from commitments.services import import_commitments, import_progress_updates
from core.imports import ImportRejected, read_table


class Command(BaseCommand):
    help = (
        "Import commitments (columns of fixtures/commitments.csv) or progress updates "
        "(columns of fixtures/progress_updates.csv), recognised by the header. All or none."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="CSV or XLSX file")

    def handle(self, *args, path, **options):
        try:
            header, rows = read_table(path, path.name)
        except (OSError, UnicodeDecodeError, ValueError) as error:
            raise CommandError(f"{path}: no se pudo leer: {error}") from error
        importer = import_progress_updates if "commitment_number" in header else import_commitments
        try:
            summary = importer(rows)
        except ImportRejected as rejected:
            raise CommandError(
                f"{path}: no se importó nada.\n" + "\n".join(map(str, rejected.errors))
            ) from rejected
        self.stdout.write(
            self.style.SUCCESS(
                f"{path} ({summary.kind}): {summary.created} filas nuevas, "
                f"{summary.updated} actualizadas, {summary.unchanged} sin cambios."
            )
        )
