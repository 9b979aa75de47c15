"""Create the staff role of the garante body that edits the debt data."""

from django.db import migrations

from core.roles import grant_role, remove_role

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
VIEW_ONLY = {"states": ["state"]}


def create(apps, schema_editor):
    grant_role(apps, GROUP_NAME, MODELS, view_only=VIEW_ONLY)


def remove(apps, schema_editor):
    remove_role(apps, GROUP_NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("debt", "0001_initial"),
        ("states", "0003_national_coordination_role"),
    ]

    operations = [migrations.RunPython(create, remove)]
