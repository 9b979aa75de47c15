from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.imports import ImportRejected, read_table
from debt.services import import_debt_rows


class Command(BaseCommand):
    help = (
        "Import a debt file (CSV in UTF-8, or XLSX): debt figures, loans, INPC, population "
        "or GDP, recognised by its columns (templates in debt/README.md). All rows or none; "
        "importing the same file twice changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="CSV or XLSX file")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Validate and say what would change; write nothing.",
        )

    def handle(self, *args, path, dry_run, **options):
        try:
            header, rows = read_table(path, path.name)
        except (OSError, UnicodeDecodeError, ValueError) as error:
            raise CommandError(f"{path}: no se pudo leer: {error}") from error
        try:
            summary = import_debt_rows(header, rows, dry_run=dry_run, progress=self.progress)
        except ImportRejected as rejected:
            raise CommandError(
                f"{path}: no se importó nada.\n" + "\n".join(map(str, rejected.errors))
            ) from rejected
        verb = "se importarían" if dry_run else "importadas"
        self.stdout.write(
            self.style.SUCCESS(
                f"{path} ({summary.kind}): {verb} {summary.created} filas nuevas, "
                f"{summary.updated} actualizadas, {summary.unchanged} sin cambios."
            )
        )

    def progress(self, done, total):
        """A one-line progress bar on the terminal (long files)."""
        width = 30
        filled = width * done // total
        ending = "\n" if done == total else ""
        self.stderr.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending=ending
        )
        self.stderr.flush()
