"""Let the Secretariado Técnico Local say what its commitments produced (the admin inline)."""

from django.db import migrations

from core.roles import grant_role

GROUP_NAME = "Secretariado Técnico Local"


def grant(apps, schema_editor):
    grant_role(apps, GROUP_NAME, {"commitments": ["commitmentoutput"]})


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0004_stl_role"),
        ("commitments", "0006_commitment_output"),
    ]

    # Reversing leaves the permissions in the group: they go with the model's content type.
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
