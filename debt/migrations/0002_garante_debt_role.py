"""Create the staff role of the garante body that edits the debt data."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Órgano garante: deuda"
MODELS = {
    "debt": [
        "debtmicrosite",
        "debtfigure",
        "loan",
        "loanbalance",
        "consumerpriceindex",
        "population",
        "stategdp",
        "glossaryterm",
        "citizenreport",
        "citizenreportsection",
    ],
    "portal": ["source"],
}
ACTIONS = ["view", "add", "change", "delete"]


def create_role(apps, schema_editor):
    for app_label in MODELS:
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    codenames = [f"{a}_{m}" for models in MODELS.values() for m in models for a in ACTIONS]
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label__in=list(MODELS), codename__in=codenames),
        *Permission.objects.filter(content_type__app_label="states", codename="view_state"),
    )


def remove_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("debt", "0001_initial"),
        ("states", "0003_national_coordination_role"),
    ]

    operations = [migrations.RunPython(create_role, remove_role)]
