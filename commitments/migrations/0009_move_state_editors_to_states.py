"""Move each STL user's state to states.StateStaff, the one record every state-owned admin
(debt, commitments, national progress) scopes by, then drop commitments.StateEditor."""

from django.db import migrations


def copy_to_state_staff(apps, schema_editor):
    StateEditor = apps.get_model("commitments", "StateEditor")
    StateStaff = apps.get_model("states", "StateStaff")
    for editor in StateEditor.objects.all():
        StateStaff.objects.get_or_create(user_id=editor.user_id, defaults={"state": editor.state})


def copy_back(apps, schema_editor):
    StateEditor = apps.get_model("commitments", "StateEditor")
    StateStaff = apps.get_model("states", "StateStaff")
    for staff in StateStaff.objects.all():
        StateEditor.objects.get_or_create(user_id=staff.user_id, defaults={"state": staff.state})


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0008_merge"),
        ("states", "0006_state_staff"),
    ]

    operations = [
        migrations.RunPython(copy_to_state_staff, copy_back),
        migrations.DeleteModel(name="StateEditor"),
    ]
