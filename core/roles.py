"""Staff roles (groups of permissions), granted by the migrations that create them.

Migrations call these two functions with the historical `apps`, so they must keep working
with every past state of the models: they only read content types and permissions.
"""

from django.contrib.auth.management import create_permissions

ALL_ACTIONS = ("view", "add", "change", "delete")


def grant_role(
    apps,
    group_name: str,
    models: dict,
    *,
    view_only: dict | None = None,
    extra: dict | None = None,
) -> None:
    """Give `group_name` every action on `models`, "view" on `view_only` and the custom
    permissions in `extra`.

    All map an app label to names: {"debt": ["loan", "loanbalance"]};
    extra to codenames: {"states": ["act_for_every_state"]}.
    """
    view_only = view_only or {}
    extra = extra or {}
    # Permissions are normally created after all migrations; the role needs them now.
    for app_label in {*models, *view_only, *extra}:
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
    for app_label, codenames in extra.items():
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )


def remove_role(apps, group_name: str) -> None:
    """Delete the group (its users lose the role, not their accounts)."""
    apps.get_model("auth", "Group").objects.filter(name=group_name).delete()
