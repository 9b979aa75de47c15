import io
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from core.imports import importers_for
from core.imports.commands import ImportCommand, summary_line


class Command(ImportCommand):
    help = (
        "Load every dataset shipped in fixtures/, in order, through the same importers staff "
        "use. Safe to run again: nothing changes the second time."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--fixtures-dir",
            type=Path,
            default=settings.BASE_DIR / "fixtures",
            help="Folder holding the shipped files (default: fixtures/).",
        )

    def progress(self, done, total):
        if self.verbosity >= 2:
            super().progress(done, total)

    def handle(self, *args, fixtures_dir, **options):
        quiet = options["verbosity"] == 0
        for entry in importers_for():
            for name in entry.shipped:
                path = fixtures_dir / name
                if not path.exists():
                    raise CommandError(f"{path}: falta el archivo ({entry.key})")
                if path.suffix == ".json":
                    # Natural keys: loading again updates rows instead of adding copies.
                    call_command("loaddata", str(path), verbosity=0)
                    line = f"{name}: cargado"
                else:
                    summary = self.import_path(path, candidates=[entry])
                    line = f"{name}: {summary_line(summary, dry_run=False)}"
                if not quiet:
                    self.stdout.write(line)
        # Rows loaded from files get a first history record, so later edits show what changed.
        call_command("populate_history", auto=True, stdout=io.StringIO(), stderr=io.StringIO())
