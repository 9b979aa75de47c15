"""Staff roles (groups of permissions), granted by the migrations that create them.

Migrations call these two functions with the historical `apps`, so they must keep working
with every past state of the models: they only read content types and permissions.
"""

from django.contrib.auth.management import create_permissions

ALL_ACTIONS = ("view", "add", "change", "delete")


def grant_role(apps, group_name: str, models: dict, *, view_only: dict | None = None) -> None:
    """Give `group_name` every action on `models` and "view" on `view_only`.

    Both map an app label to model names: {"debt": ["loan", "loanbalance"]}.
    """
    view_only = view_only or {}
    # Permissions are normally created after all migrations; the role needs them now.
    for app_label in {*models, *view_only}:
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=group_name)
    for grants, actions in ((models, ALL_ACTIONS), (view_only, ("view",))):
        for app_label, model_names in grants.items():
            codenames = [f"{action}_{model}" for model in model_names for action in actions]
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=codenames
                )
            )


def remove_role(apps, group_name: str) -> None:
    """Delete the group (its users lose the role, not their accounts)."""
    apps.get_model("auth", "Group").objects.filter(name=group_name).delete()
