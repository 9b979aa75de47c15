from core.imports.commands import ImportCommand


class Command(ImportCommand):
    app_label = "debt"
    help = (
        "Import a debt file: SHCP and INEGI files as published, or our templates (figures, "
        "loans, INPC, population, GDP; see debt/README.md). All rows or none; importing the "
        "same file twice changes nothing."
    )
