from core.imports.commands import ImportCommand


class Command(ImportCommand):
    app_label = "states"
    help = (
        "Import national progress reports (columns as in fixtures/state_progress.csv). "
        "All rows or none; importing the same file twice changes nothing."
    )
