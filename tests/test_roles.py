"""Every model an app shows in the admin belongs to that app's staff role, so a model added
later cannot be silently left out of the role that should edit it."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db

# Role -> the app whose admin models it edits.
ROLE_APPS = {
    "Coordinación nacional": "states",
    "Órgano garante: deuda": "debt",
    "Secretariado Técnico Local": "commitments",
}
# Admin models a role deliberately does not edit, and why.
NOT_IN_ROLE = {
    # The 32 states are reference data: staff look them up, nobody edits them.
    ("states", "state"),
    # Tying a user to a state is an administrator's decision, not a role's own.
    ("states", "statestaff"),
}


def admin_models(app_label):
    return [
        model._meta.model_name
        for model in admin.site._registry
        if model._meta.app_label == app_label
    ]


@pytest.mark.parametrize("role, app_label", ROLE_APPS.items())
def test_every_admin_model_of_the_app_is_editable_by_its_role(role, app_label):
    granted = set(
        Group.objects.get(name=role).permissions.values_list("content_type__app_label", "codename")
    )

    missing = [
        f"{action}_{model}"
        for model in admin_models(app_label)
        if (app_label, model) not in NOT_IN_ROLE
        for action in ("view", "add", "change", "delete")
        if (app_label, f"{action}_{model}") not in granted
    ]

    assert admin_models(app_label), f"no admin models found for {app_label}"
    assert missing == [], f"{role} cannot {missing}"


def test_roles_that_touch_sources_can_edit_them():
    for role in ("Coordinación nacional", "Órgano garante: deuda"):
        codenames = set(Group.objects.get(name=role).permissions.values_list("codename", flat=True))
        assert {"view_source", "add_source", "change_source"} <= codenames
