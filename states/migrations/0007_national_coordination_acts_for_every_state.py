"""National coordination works on every state's progress: give it the permission that lets a
user see every state's rows (everyone else sees only the state of their StateStaff record)."""

from django.db import migrations

from core.roles import grant_role

GROUP_NAME = "Coordinación nacional"


def grant(apps, schema_editor):
    grant_role(apps, GROUP_NAME, {}, extra={"states": ["act_for_every_state"]})


class Migration(migrations.Migration):
    dependencies = [("states", "0006_state_staff")]

    # Reversing leaves the permission in the group: it goes with the model's content type.
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
