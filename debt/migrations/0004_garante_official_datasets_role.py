"""Let the garante body's debt role edit the official SHCP and INEGI datasets."""

from django.db import migrations

from core.roles import grant_role

GROUP_NAME = "Órgano garante: deuda"
MODELS = {
    "debt": [
        "nationaldebtfigure",
        "debtshareofgdp",
        "debtbydebtorandpayment",
        "registryloan",
        "statefinances",
        "alertsystemresult",
    ],
}


def grant(apps, schema_editor):
    grant_role(apps, GROUP_NAME, MODELS)


class Migration(migrations.Migration):
    dependencies = [("debt", "0003_official_datasets")]

    # Going back drops the models, and their permissions with them.
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
