from core.imports.commands import ImportCommand


class Command(ImportCommand):
    help = (
        "Import any file the portal knows (debt, commitments, national progress), recognised "
        "by its content. CSV (UTF-8 or Latin-1), XLSX or XLS; all rows or none."
    )
