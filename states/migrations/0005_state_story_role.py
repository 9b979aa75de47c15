"""Let «Coordinación nacional» write each state's story, as it edits the state milestones."""

from django.db import migrations

from core.roles import grant_role

GROUP_NAME = "Coordinación nacional"


def grant(apps, schema_editor):
    grant_role(apps, GROUP_NAME, {"states": ["statestory"]})


class Migration(migrations.Migration):
    dependencies = [
        ("states", "0003_national_coordination_role"),
        ("states", "0004_state_story"),
    ]

    # Reversing leaves the permissions in the group: they go with the model's content type.
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
