from core.imports.commands import ImportCommand


class Command(ImportCommand):
    app_label = "commitments"
    help = (
        "Import commitments (columns of fixtures/commitments.csv), progress updates (columns of "
        "fixtures/progress_updates.csv) or the public CSV of /compromisos/, recognised by the "
        "header. All rows or none."
    )
