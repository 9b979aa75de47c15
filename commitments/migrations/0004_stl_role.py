"""Create the staff role of a state's Secretariado Técnico Local (STL)."""

from django.db import migrations

from core.roles import grant_role, remove_role

GROUP_NAME = "Secretariado Técnico Local"
MODELS = {"commitments": ["actionplan", "commitment", "commitmentmilestone", "progressupdate"]}
VIEW_ONLY = {}


def create(apps, schema_editor):
    grant_role(apps, GROUP_NAME, MODELS, view_only=VIEW_ONLY)


def remove(apps, schema_editor):
    remove_role(apps, GROUP_NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("commitments", "0003_state_editor"),
    ]

    operations = [migrations.RunPython(create, remove)]
