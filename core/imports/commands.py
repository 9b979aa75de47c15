"""The base of every import command: a path, --dry-run, a progress bar, row errors."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.imports.framework import import_file, importers_for
from core.imports.rows import ImportRejected, ImportSummary
from core.readers import read_file


def summary_line(summary: ImportSummary, *, dry_run: bool) -> str:
    """Say in one line what an import did (or would do)."""
    verb = "se importarían" if dry_run else "importadas"
    what = summary.description
    if str(summary.kind) != str(what):
        what = f"{what} ({summary.kind})"
    skipped = f", {len(summary.skipped)} omitidas (notas o totales)" if summary.skipped else ""
    return (
        f"{what}: {verb} {summary.created} filas nuevas, "
        f"{summary.updated} actualizadas, {summary.unchanged} sin cambios{skipped}."
    )


class ImportCommand(BaseCommand):
    """Import one file through the importers of `app_label` (all apps when None)."""

    app_label: str | None = None
    help = (
        "Import a CSV (UTF-8 or Latin-1), XLSX or XLS file, recognised by its content. "
        "All rows or none; importing the same file twice changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="CSV, XLSX or XLS file")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Validate and say what would change; write nothing.",
        )

    verbosity = 1

    def execute(self, *args, **options):
        self.verbosity = options.get("verbosity", 1)
        return super().execute(*args, **options)

    def handle(self, *args, path, dry_run, **options):
        summary = self.import_path(path, dry_run=dry_run)
        self.stdout.write(self.style.SUCCESS(f"{path}: {summary_line(summary, dry_run=dry_run)}"))

    def import_path(self, path: Path, *, dry_run=False, candidates=None) -> ImportSummary:
        """Read and import one file; raise CommandError naming every bad row."""
        try:
            with path.open("rb") as handle:
                table_file = read_file(handle, path.name)
            return import_file(
                table_file,
                candidates=candidates or importers_for(self.app_label),
                dry_run=dry_run,
                progress=self.progress,
            )
        except OSError as error:
            raise CommandError(f"{path}: no se pudo leer: {error}") from error
        except ImportRejected as rejected:
            raise CommandError(
                f"{path}: no se importó nada.\n" + "\n".join(map(str, rejected.errors))
            ) from rejected

    def progress(self, done, total):
        """A one-line progress bar on the terminal (long files)."""
        if self.verbosity == 0:
            return
        width = 30
        filled = width * done // total
        ending = "\n" if done == total else ""
        self.stderr.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending=ending
        )
        self.stderr.flush()
