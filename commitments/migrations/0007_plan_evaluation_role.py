"""Let the Secretariado Técnico Local record its plans' evaluations."""

from django.db import migrations

from core.roles import grant_role

GROUP_NAME = "Secretariado Técnico Local"
MODELS = {"commitments": ["planevaluation"]}


def grant(apps, schema_editor):
    grant_role(apps, GROUP_NAME, MODELS)


class Migration(migrations.Migration):
    dependencies = [("commitments", "0006_plan_evaluation")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
