"""Create the staff role of a state's Secretariado Técnico Local (STL)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Secretariado Técnico Local"
MODELS = ["actionplan", "commitment", "commitmentmilestone", "progressupdate"]
ACTIONS = ["view", "add", "change", "delete"]


def create_role(apps, schema_editor):
    app_config = apps.get_app_config("commitments")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    codenames = [f"{action}_{model}" for model in MODELS for action in ACTIONS]
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="commitments", codename__in=codenames)
    )


def remove_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("commitments", "0003_state_editor"),
    ]

    operations = [migrations.RunPython(create_role, remove_role)]
