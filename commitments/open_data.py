"""The commitments app's published datasets (core.datasets), registered in its `ready()`.

Each is built from the table its page shows; the filters are the pages' query parameters.
"""

import django_tables2 as tables
from django import forms
from django.db.models import Max, Min
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from commitments import selectors
from commitments.filters import CommitmentFilter
from commitments.models import (
    ActionPlan,
    Commitment,
    CommitmentActivity,
    PlanEvaluation,
    ProgressUpdate,
)
from commitments.tables import (
    ActivityTable,
    CommitmentTable,
    PlanEvaluationTable,
    ProgressUpdateTable,
)
from core.datasets import (
    DATE,
    INTEGER,
    NUMBER,
    URI,
    Coverage,
    FieldInfo,
    NoFilters,
    PublishedDataset,
)
from core.models import Source
from states.models import State

PERCENT = _("por ciento")
REDUCED_DATE = _(
    "Fecha ISO 8601 sólo tan precisa como se sabe: año (2015), mes (2017-05) o día (2016-12-03)."
)


def _published_states():
    return State.objects.filter(action_plans__is_published=True).distinct().order_by("name")


def _coverage(model, field, **lookup):
    def coverage():
        found = model.objects.filter(**lookup).aggregate(start=Min(field), end=Max(field))
        names = tuple(_published_states().values_list("name", flat=True))
        return Coverage(names, found["start"], found["end"])

    return coverage


def _sources():
    plans = Source.objects.filter(pk__in=ActionPlan.objects.published().values("source"))
    commitments = Source.objects.filter(pk__in=Commitment.objects.visible().values("source"))
    return (plans | commitments).distinct().order_by("reported_by", "published_in")


def _update_sources():
    return Source.objects.filter(pk__in=ProgressUpdate.objects.visible().values("source")).order_by(
        "reported_by", "published_in"
    )


class StateFilterForm(forms.Form):
    """?estado=<slug>&plan=<name>: optional; every published plan otherwise."""

    estado = forms.ModelChoiceField(
        queryset=_published_states(), to_field_name="slug", required=False, label=_("Estado")
    )
    plan = forms.CharField(required=False, max_length=200, label=_("Plan"))


def _state_and_plan(queryset, filters, prefix=""):
    if filters.get("estado"):
        queryset = queryset.filter(**{f"{prefix}plan__state": filters["estado"]})
    if filters.get("plan"):
        queryset = queryset.filter(**{f"{prefix}plan__name": filters["plan"]})
    return queryset


def _filename(*names):
    def parts(filters):
        return [getattr(filters.get(name), "slug", filters.get(name)) for name in names]

    return parts


# Commitments (/compromisos/).


class CommitmentForm(StateFilterForm):
    estatus = forms.CharField(required=False, label=_("Estatus"))
    tema = forms.CharField(required=False, label=_("Tema"))
    dinero = forms.ChoiceField(
        required=False, choices=[("", ""), ("si", "si"), ("no", "no")], label=_("Sigue el dinero")
    )
    q = forms.CharField(required=False, max_length=200, label=_("Buscar"))


def commitment_table(filters) -> CommitmentTable:
    query = {name: filters.get(name) or "" for name in ("plan", "estatus", "tema", "dinero", "q")}
    if filters.get("estado"):
        query["estado"] = filters["estado"].slug
    filterset = CommitmentFilter(query, queryset=selectors.visible_commitments())
    return CommitmentTable(
        filterset.qs,
        extra_columns=[
            (
                "reported_on_precision",
                tables.Column(
                    _("Precisión de la fecha"), accessor="latest_precision", visible=False
                ),
            )
        ],
    )


def _commitments_page(filters) -> str:
    url = reverse("commitments:index")
    parts = []
    if filters.get("estado"):
        parts.append(f"estado={filters['estado'].slug}")
    return f"{url}?{'&'.join(parts)}" if parts else url


commitments = PublishedDataset(
    key="compromisos",
    title=_("Compromisos de los planes de acción local"),
    description=_(
        "Cada compromiso publicado de los planes de acción local de gobierno abierto: estado, "
        "plan, número, título, si sigue el dinero, estatus, avance (% del peso de sus "
        "actividades cumplidas), fecha de su último avance o documento, tema y fuente."
    ),
    build_table=commitment_table,
    filter_form=CommitmentForm,
    example_filters=dict,
    page_url=_commitments_page,
    filename_parts=_filename("estado", "plan", "estatus", "tema", "dinero"),
    models=(Commitment, ProgressUpdate, CommitmentActivity),
    fields={
        "number": FieldInfo(description=_("Número del compromiso en su plan.")),
        "follows_the_money": FieldInfo(description=_("yes o no.")),
        "progress": FieldInfo(NUMBER, PERCENT, _("Vacío si no tiene actividades.")),
        "reported_on": FieldInfo(description=REDUCED_DATE),
        "reported_on_precision": FieldInfo(
            description=_("day, month o year; vacío si la fecha es la del documento fuente (day).")
        ),
        "url": FieldInfo(format=URI, description=_("La página del compromiso.")),
    },
    coverage=_coverage(ProgressUpdate, "reported_on", is_published=True),
    sources=_sources,
    order=30,
)


# Activities of the commitments (CommitmentActivity).


class ActivityForm(StateFilterForm):
    compromiso = forms.IntegerField(required=False, min_value=1, label=_("Compromiso"))


def activity_table(filters) -> ActivityTable:
    activities = CommitmentActivity.objects.filter(
        commitment__in=Commitment.objects.visible()
    ).select_related("commitment__plan__state")
    activities = _state_and_plan(activities, filters, "commitment__")
    if filters.get("compromiso"):
        activities = activities.filter(commitment_id=filters["compromiso"])
    activities = activities.order_by(
        "commitment__plan__state__name", "commitment__plan__number", "commitment__number", "due_on"
    )
    # A commitment's page lists its own activities: across commitments each row says whose.
    return ActivityTable(
        activities,
        extra_columns=[
            (name, tables.Column(label, accessor=accessor, visible=False))
            for name, label, accessor in (
                ("state", _("Estado"), "commitment__plan__state__name"),
                ("plan", _("Plan"), "commitment__plan__name"),
                ("commitment_id", _("Número del compromiso en el portal"), "commitment_id"),
                ("commitment", _("Compromiso"), "commitment__title"),
            )
        ],
    )


activities = PublishedDataset(
    key="actividades-compromisos",
    title=_("Actividades de los compromisos"),
    description=_(
        "Las actividades de cada compromiso: qué, cuánto pesa en su avance, su fecha límite, "
        "cuándo se cumplió y la evidencia."
    ),
    build_table=activity_table,
    filter_form=ActivityForm,
    example_filters=dict,
    page_url=lambda filters: reverse("commitments:index"),
    filename_parts=_filename("estado", "plan", "compromiso"),
    models=(CommitmentActivity,),
    fields={
        "weight": FieldInfo(INTEGER, description=_("Cuánto cuenta en el avance del compromiso.")),
        "done_on": FieldInfo(DATE, description=_("Vacío mientras está pendiente.")),
        "evidence_url": FieldInfo(format=URI),
        "commitment_id": FieldInfo(INTEGER),
    },
    coverage=_coverage(CommitmentActivity, "due_on"),
    sources=_sources,
    order=31,
)


# «¿Cómo vamos?» lines (ProgressUpdate).


class UpdateForm(ActivityForm):
    desde = forms.DateField(required=False, label=_("Desde (AAAA-MM-DD)"))
    hasta = forms.DateField(required=False, label=_("Hasta (AAAA-MM-DD)"))


def update_table(filters) -> ProgressUpdateTable:
    updates = ProgressUpdate.objects.visible().select_related("commitment__plan__state", "source")
    updates = _state_and_plan(updates, filters, "commitment__")
    if filters.get("compromiso"):
        updates = updates.filter(commitment_id=filters["compromiso"])
    if filters.get("desde"):
        updates = updates.filter(reported_on__gte=filters["desde"])
    if filters.get("hasta"):
        updates = updates.filter(reported_on__lte=filters["hasta"])
    updates = updates.order_by(
        "commitment__plan__state__name", "commitment_id", "reported_on", "pk"
    )
    if not updates.filter(is_published=False).exists():
        return ProgressUpdateTable(updates)  # nothing waits as a draft: the query streams
    # A line edited as a draft is published as it was last published, as on the pages.
    return ProgressUpdateTable([update.public_version() for update in updates])


progress_updates = PublishedDataset(
    key="avances-compromisos",
    title=_("Avances «¿Cómo vamos?» de los compromisos"),
    description=_(
        "Cada línea publicada de «¿Cómo vamos?»: lo que se hizo en un compromiso, cuándo "
        "(con la precisión que se sabe), con qué evidencia y quién lo reporta."
    ),
    build_table=update_table,
    filter_form=UpdateForm,
    example_filters=dict,
    page_url=lambda filters: reverse("commitments:index"),
    filename_parts=_filename("estado", "plan", "compromiso", "desde", "hasta"),
    models=(ProgressUpdate,),
    fields={
        "commitment_id": FieldInfo(INTEGER),
        "reported_on": FieldInfo(
            description=_("El primer día del mes o del año cuando la precisión es mes o año.")
        ),
        "evidence_url": FieldInfo(format=URI),
    },
    coverage=_coverage(ProgressUpdate, "reported_on", is_published=True),
    sources=_update_sources,
    order=32,
)


# The evaluation of the plans (/compromisos/evaluacion/).


plan_evaluation = PublishedDataset(
    key="evaluacion-planes",
    title=_("Evaluación de los planes de acción local"),
    description=_(
        "La situación de cada plan publicado según las reglas de la evaluación: cumplido, "
        "avanzando, detenido (doce meses sin reportar) o sin reportes; compromisos cumplidos y "
        "meses sin reportar."
    ),
    build_table=lambda filters: PlanEvaluationTable(selectors.national_evaluation()),
    filter_form=NoFilters,  # every published plan
    example_filters=dict,
    page_url=lambda filters: reverse("commitments:evaluation"),
    models=(ActionPlan, Commitment, ProgressUpdate, CommitmentActivity, PlanEvaluation),
    fields={
        "standing": FieldInfo(
            description=_("fulfilled, advancing, stalled o no_reports."),
        ),
        "progress": FieldInfo(NUMBER, PERCENT),
        "commitments_unknown": FieldInfo(INTEGER),
        "last_reported": FieldInfo(description=REDUCED_DATE),
        "months_without_reports": FieldInfo(INTEGER, _("meses")),
        "evaluation_url": FieldInfo(format=URI),
    },
    coverage=_coverage(ProgressUpdate, "reported_on", is_published=True),
    sources=_sources,
    order=33,
)

DATASETS = (commitments, activities, progress_updates, plan_evaluation)
