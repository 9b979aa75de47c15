"""Create the staff role that edits the national progress (milestones, stages, reports)."""

from django.db import migrations

from core.roles import grant_role, remove_role

GROUP_NAME = "Coordinación nacional"
MODELS = {
    "states": [
        "milestonekind",
        "progressstatus",
        "report",
        "reportentry",
        "reportmilestone",
        "statemilestone",
    ],
    "portal": ["source"],
}
VIEW_ONLY = {"states": ["state"]}


def create(apps, schema_editor):
    grant_role(apps, GROUP_NAME, MODELS, view_only=VIEW_ONLY)


def remove(apps, schema_editor):
    remove_role(apps, GROUP_NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("portal", "0001_initial"),
        ("states", "0002_national_progress"),
    ]

    operations = [migrations.RunPython(create, remove)]
