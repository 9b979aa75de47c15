"""Every admin URL, for every staff role, against another state's rows and their past versions:
403, 404 or a redirect, and nothing written. The URLs come from `admin.site._registry`, so a
model registered later is walked too (or this test asks how it is to be scoped).

Zacatecas (32) is "our" state; Sonora (26) is the other one.
"""

import datetime
from urllib.parse import urlencode

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import NoReverseMatch, reverse

from commitments.models import CommitmentActivity, PlanEvaluation
from debt.models import CitizenReport
from states.models import State
from states.scoping import NationalDataAdminMixin, StateScopedAdminMixin
from tests.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    DebtMicrositeFactory,
    LoanFactory,
    ProgressUpdateFactory,
    StaffUserFactory,
)

pytestmark = pytest.mark.django_db

OURS, OTHER = "32", "26"
ROLES = {
    "garante de Zacatecas": {"groups": ["Órgano garante: deuda"], "state": OURS},
    "STL de Zacatecas": {"groups": ["Secretariado Técnico Local"], "state": OURS},
    "garante sin estado": {"groups": ["Órgano garante: deuda"]},
    "STL sin estado": {"groups": ["Secretariado Técnico Local"]},
    "coordinación nacional": {"groups": ["Coordinación nacional"]},
}
# Roles that act for every state, by what the role is (not by what the code says of it).
NATIONAL_ROLES = {"coordinación nacional"}
# Admins with no state of their own, and why they need no state scope.
NOT_STATE_OWNED = {
    "auth.group": "accounts and roles: superusers only",
    "auth.user": "accounts and roles: superusers only",
    "axes.accessattempt": "login throttling records: superusers only",
    "axes.accesslog": "login throttling records: superusers only",
    "axes.accessfailurelog": "login throttling records: superusers only",
    "states.statestaff": "who acts for which state: superusers only",
    "otp_totp.totpdevice": "staff's two-factor devices: superusers only",
    "otp_static.staticdevice": "staff's emergency codes: superusers only",
    "django_tasks_database.dbtaskresult": "import jobs: superusers only (staff see their own job)",
    "portal.source": "sources are shared: a figure of any state may cite one",
    "states.milestonekind": "national catalogue (NationalDataAdmin not needed: coordination)",
    "states.progressstatus": "national catalogue, edited by national coordination",
    "states.report": "the national report, edited by national coordination",
}
UNREACHABLE = {302, 403, 404}


def scoped_admins():
    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, StateScopedAdminMixin)
    ]


def test_every_admin_is_state_scoped_national_or_explained():
    unexplained = [
        model._meta.label_lower
        for model, model_admin in admin.site._registry.items()
        if not isinstance(model_admin, StateScopedAdminMixin | NationalDataAdminMixin)
        and model._meta.label_lower not in NOT_STATE_OWNED
    ]
    assert unexplained == [], "scope these admins (states.scoping) or explain why not"


def in_state(model_admin, cve_ent):
    lookup = f"{model_admin.state_path}__cve_ent" if model_admin.state_path else "cve_ent"
    return model_admin.model._default_manager.filter(**{lookup: cve_ent}).order_by("pk").first()


def make_rows(cve_ent):
    """Rows of a state for the admins whose shipped data has none there."""
    state = State.objects.get(cve_ent=cve_ent)
    plan = ActionPlanFactory(state=state)
    commitment = CommitmentFactory(plan=plan)
    ProgressUpdateFactory(commitment=commitment)
    CommitmentActivity.objects.create(commitment=commitment, title="Actividad de prueba")
    PlanEvaluation.objects.create(plan=plan, evaluated_on="2018-01-01", summary="Evaluación")
    if not hasattr(state, "debt_microsite"):
        DebtMicrositeFactory(state=state)
    LoanFactory(state=state)
    CitizenReport.objects.get_or_create(state=state, year=2090, defaults={"title": "Informe"})


def moved_version(model_admin, obj, ours):
    """Write a past version of `obj` from when it was in the state of `ours` (moved since)."""
    history = getattr(model_admin.model, "history", None)
    if history is None:
        return None
    hop = model_admin.state_path.split("__")[0]
    values = {
        field.attname: getattr(obj, field.attname) for field in model_admin.model._meta.fields
    }
    values[model_admin.model._meta.get_field(hop).attname] = getattr(
        ours, model_admin.model._meta.get_field(hop).attname
    )
    return history.model.objects.create(
        **values,
        history_date=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC),
        history_type="~",
    )


@pytest.fixture
def rows(shipped_data):
    make_rows(OURS)
    make_rows(OTHER)
    found = {}
    for model, model_admin in scoped_admins():
        ours, other = in_state(model_admin, OURS), in_state(model_admin, OTHER)
        assert ours and other, f"add {model._meta.label} rows of both states to make_rows()"
        if model_admin.state_path:
            # Sonora's row, once ours; and our row, once Sonora's.
            versions = (
                moved_version(model_admin, other, ours),
                moved_version(model_admin, ours, other),
            )
        else:
            versions = (None, None)
        found[model] = (ours, other, *versions)
    return found


def url(model, view, *args):
    opts = model._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)
    except NoReverseMatch:
        return None


def snapshot(model, obj):
    return (
        list(model._default_manager.filter(pk=obj.pk).values()),
        model._default_manager.count(),
        model.history.count() if hasattr(model, "history") else None,
    )


def unreachable_urls(model, obj, version):
    """(method, URL) of every admin view of one object."""
    content_type = ContentType.objects.get_for_model(model)
    walk = [
        ("get", url(model, "change", obj.pk)),
        ("post", url(model, "change", obj.pk)),
        ("get", url(model, "delete", obj.pk)),
        ("post", url(model, "delete", obj.pk)),
        ("get", url(model, "history", obj.pk)),
        ("get", reverse("admin:view_on_site", args=[content_type.pk, obj.pk])),
    ]
    if version is not None:
        walk += [
            ("get", url(model, "simple_history", obj.pk, version.history_id)),
            ("post", url(model, "simple_history", obj.pk, version.history_id)),
        ]
    return [(method, address) for method, address in walk if address]


def assert_unreachable(client, model, obj, version, who):
    before = snapshot(model, obj)
    for method, address in unreachable_urls(model, obj, version):
        response = getattr(client, method)(address, {"post": "yes"} if method == "post" else {})
        assert response.status_code in UNREACHABLE, f"{who}: {method.upper()} {address}"
        if response.status_code == 302:
            # Django's "does not exist" answer (back to the admin index), or the login page.
            assert response.url in ("/admin/",) or "/login/" in response.url, address
    assert snapshot(model, obj) == before, f"{who} wrote {model._meta.label} {obj.pk}"


def assert_offers_only_our_state(client, model, ours, other, who, offered):
    """The add form's way to a state (its state, plan or commitment) offers only ours.

    Choices are scoped by the related model's admin, so one form per related model will do
    (`offered`: those already checked); add forms are the slowest pages to render.
    """
    model_admin = admin.site._registry[model]
    add = url(model, "add")
    if not model_admin.state_path or add is None:
        return
    hop = model._meta.get_field(model_admin.state_path.split("__")[0])
    if hop.related_model in offered:
        return
    offered.add(hop.related_model)
    response = client.get(add)
    if response.status_code == 403:
        return  # e.g. the 32 states: nobody adds one
    choices = response.context["adminform"].form.fields[hop.name].queryset
    assert choices.filter(pk=getattr(ours, hop.attname)).exists(), f"{who}: own {hop.name}"
    assert not choices.filter(pk=getattr(other, hop.attname)).exists(), f"{who}: {hop.name}"


def autocomplete_pairs():
    """(source admin's model, field) of every autocomplete field pointing at a scoped admin."""
    pairs = []
    for model, model_admin in admin.site._registry.items():
        for name in model_admin.autocomplete_fields:
            remote = model._meta.get_field(name).related_model
            if isinstance(admin.site._registry.get(remote), StateScopedAdminMixin):
                pairs.append((model, name, remote))
    return pairs


@pytest.mark.parametrize("role", ROLES)
def test_no_role_reaches_another_states_rows_or_past_versions(client, rows, role):
    user = StaffUserFactory(username=f"matriz-{role}".replace(" ", "-"), **ROLES[role])
    client.force_login(user)
    national, has_state = role in NATIONAL_ROLES, "state" in ROLES[role]
    checked_own, offered = 0, set()
    for model, _model_admin in scoped_admins():
        ours, other, version, our_version_elsewhere = rows[model]
        may_view = user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")
        if national and may_view:
            continue  # national coordination sees every state's rows of its own models
        # A search that finds nothing keeps the page small; `root_queryset` is every row the
        # user may see, before the search.
        changelist = client.get(url(model, "changelist"), {"q": "ninguna-fila-dice-esto"})
        if may_view and has_state:
            # Our state's rows are there (so this test can fail both ways), the other's not.
            assert changelist.status_code == 200, model
            listed = changelist.context["cl"].root_queryset
            assert listed.filter(pk=ours.pk).exists(), f"{role} misses own {model._meta.label}"
            assert not listed.filter(pk=other.pk).exists(), f"{role} lists {model._meta.label}"
            assert client.get(url(model, "change", ours.pk)).status_code == 200
            if url(model, "history", ours.pk) and hasattr(model, "history"):
                assert client.get(url(model, "history", ours.pk)).status_code == 200
            checked_own += 1
            assert_offers_only_our_state(client, model, ours, other, role, offered)
            assert_unreachable(client, model, other, version, role)
            if our_version_elsewhere is not None:
                # Our row's past in another state is that state's to read and revert.
                old = url(model, "simple_history", ours.pk, our_version_elsewhere.history_id)
                before = snapshot(model, ours)
                assert client.get(old).status_code in UNREACHABLE, f"{role} reads {old}"
                assert client.post(old, {"post": "yes"}).status_code in UNREACHABLE, old
                assert snapshot(model, ours) == before
        elif may_view:
            # A role without a state: its own models show no state's rows, old or new.
            assert changelist.status_code == 403, f"{role} opens {model._meta.label}"
            add = url(model, "add")
            assert add is None or client.get(add).status_code == 403, f"{role} adds {model}"
            assert_unreachable(client, model, other, version, role)
        else:
            # Another role's model: refused before any row is looked up (one write tried).
            assert changelist.status_code == 403, f"{role} opens {model._meta.label}"
            before = snapshot(model, ours)
            assert client.post(url(model, "change", ours.pk)).status_code in UNREACHABLE
            assert snapshot(model, ours) == before
        if url(model, "import"):
            answer = client.get(url(model, "import")).status_code
            assert answer == (200 if may_view and has_state else 403), (role, model)
    for model, field_name, remote in autocomplete_pairs():
        query = {
            "app_label": model._meta.app_label,
            "model_name": model._meta.model_name,
            "field_name": field_name,
            "term": "",
        }
        response = client.get(f"/admin/autocomplete/?{urlencode(query)}")
        if response.status_code == 200:
            found = {result["id"] for result in response.json()["results"]}
            other = rows[remote][1]
            assert national or str(other.pk) not in found, (role, model, field_name)
        else:
            assert response.status_code == 403, (role, model, field_name)
    if ROLES[role].get("state"):
        assert checked_own, f"{role} reached no row of its own state"
