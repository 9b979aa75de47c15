"""Reads of commitments: what citizens see, progress arithmetic and search."""

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise
from typing import cast

from django.db import connection
from django.db.models import BooleanField, F, Field, OuterRef, Prefetch, Subquery
from django.db.models.expressions import RawSQL
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from commitments.models import (
    ActionPlan,
    Commitment,
    CommitmentActivity,
    CommitmentStatus,
    PlanEvaluation,
    ProgressUpdate,
    local_secretariat_name,
)
from core.formatting import fold
from core.registries import Download
from core.tables import source_columns_note

SEARCH_FIELDS = ["title", "problem", "objective", "responsible", "theme"]


@dataclass(frozen=True)
class Progress:
    """Share of weight done. `percent` is None when there is nothing to measure it with.

    `unknown` counts what was left out because nothing says how it goes (never as 0 %).
    """

    done: int
    total: int
    unknown: int = 0

    @property
    def percent(self) -> Decimal | None:
        if not self.total:
            return None
        share = Decimal(self.done * 100) / Decimal(self.total)
        return share.quantize(Decimal("1"), rounding=ROUND_HALF_UP)


def commitment_progress(commitment) -> Progress:
    """Return the weighted share of activities done (annotated weights, else its activities)."""
    # Lists annotate the weights (`with_progress()`); a commitment's page prefetches them.
    if hasattr(commitment, "activities_weight"):
        return Progress(done=commitment.activities_weight_done, total=commitment.activities_weight)
    activities = list(commitment.activities.all())
    return Progress(
        done=sum(m.weight for m in activities if m.done_on is not None),
        total=sum(m.weight for m in activities),
    )


def is_progress_unknown(commitment) -> bool:
    """True when nothing says how a commitment goes: status «sin dato» and no activities."""
    unknown_status = commitment.status == CommitmentStatus.UNKNOWN
    return unknown_status and not commitment_progress(commitment).total


def plan_progress(commitments) -> Progress:
    """Each commitment weighs one; fulfilled ones are done; cancelled ones do not count.

    A commitment whose progress is unknown is left out of the share and counted apart, so a
    plan with no known progress shows «sin dato», not 0 %.
    """
    counted = [c for c in commitments if c.status != CommitmentStatus.CANCELLED]
    unknown = [c for c in counted if is_progress_unknown(c)]
    return Progress(
        done=sum(1 for c in counted if c.status == CommitmentStatus.FULFILLED),
        total=len(counted) - len(unknown),
        unknown=len(unknown),
    )


def with_latest_update(commitments):
    """Annotate the date (and its precision) of each commitment's latest published update."""
    latest = ProgressUpdate.objects.published().filter(commitment=OuterRef("pk"))
    latest = latest.order_by("-reported_on", "-pk")
    return commitments.annotate(
        latest_reported_on=Subquery(latest.values("reported_on")[:1]),
        latest_precision=Subquery(latest.values("date_precision")[:1]),
    )


def fact_date(commitment) -> tuple:
    """The date the public may read for a commitment, with its precision, or (None, None).

    Its latest progress update, else its source document's date; never the day it was typed.
    """
    if getattr(commitment, "latest_reported_on", None):
        return commitment.latest_reported_on, commitment.latest_precision
    if commitment.source_id and commitment.source.published_on:
        return commitment.source.published_on, "day"
    return None, None


def visible_commitments():
    return with_latest_update(
        Commitment.objects.visible()
        .select_related("plan__state", "source")
        .with_progress()
        .order_by("plan__state__name", "plan__number", "number", "title")
    )


def search(queryset, query: str):
    """Full-text search, accent- and case-insensitive ("emprestito" finds "empréstito")."""
    query = query.strip()
    if not query:
        return queryset
    if connection.vendor == "postgresql":
        # The column generated and GIN-indexed by migration 0009 (Spanish, unaccented).
        matches = RawSQL(
            "commitments_commitment.search_document"
            " @@ websearch_to_tsquery('spanish'::regconfig, %s)",
            [fold(query)],
            output_field=BooleanField(),
        )
        return queryset.filter(matches)
    # SQLite fallback: every word must appear in some field, ignoring accents and case.
    words = fold(query).split()
    matching = [
        pk
        for pk, *texts in queryset.values_list("pk", *SEARCH_FIELDS)
        if all(any(word in fold(text or "") for text in texts) for word in words)
    ]
    return queryset.filter(pk__in=matching)


def published_plans(state):
    return (
        ActionPlan.objects.published()
        .for_state(state)
        .select_related("state")
        .prefetch_related(
            Prefetch(
                "commitments",
                queryset=Commitment.objects.published().with_progress().order_by("number"),
            )
        )
        .order_by("number", "name")
    )


def plan_for(state_slug, plan_slug) -> ActionPlan:
    return get_object_or_404(
        ActionPlan.objects.published().select_related("state", "source"),
        state__slug=state_slug,
        slug=plan_slug,
    )


def plan_commitments(plan):
    return list(
        with_latest_update(
            Commitment.objects.published()
            .filter(plan=plan)
            .select_related("plan__state", "source")
            .with_progress()
        ).order_by("number", "title")
    )


def commitment_for(state_slug, plan_slug, pk) -> Commitment:
    return get_object_or_404(
        with_latest_update(Commitment.objects.visible())
        .select_related("plan__state", "plan__source", "source")
        .prefetch_related(
            Prefetch(
                "activities",
                # Dated activities in date order, undated ones last, on every database.
                queryset=CommitmentActivity.objects.order_by(
                    F("due_on").asc(nulls_last=True), "pk"
                ),
            ),
            Prefetch(
                "updates",
                queryset=ProgressUpdate.objects.published()
                .select_related("source")
                .order_by("-reported_on", "pk"),
            ),
        ),
        plan__state__slug=state_slug,
        plan__slug=plan_slug,
        pk=pk,
    )


def public_updates(commitment) -> list:
    """The commitment's published lines as readers see them: a line whose edits wait as a
    draft shows its last published version."""
    return [update.public_version() for update in commitment.updates.all()]


def change_history(commitment, limit=20):
    """What changed in the commitment and when, newest first (from its history records).

    A save that changed no field is no change and is left out. Each change names the state's
    Secretariado Técnico Local, the body that answers for its plan, never the staff user who
    saved it: a public page shows no login.
    """
    records = list(commitment.history.order_by("-history_date", "-history_id"))
    responsible = local_secretariat_name(commitment.plan.state)
    changes = []
    for newer, older in pairwise([*records, None]):
        if newer.history_type == "+":
            changes.append({"date": newer.history_date, "created": True, "fields": []})
        elif older is not None:
            # A history diff names concrete fields only, never a reverse relation.
            fields = [
                str(cast(Field, Commitment._meta.get_field(change.field)).verbose_name)
                for change in newer.diff_against(older).changes
            ]
            if fields:
                changes.append({"date": newer.history_date, "created": False, "fields": fields})
        if len(changes) == limit:
            break
    for change in changes:
        change["by"] = responsible
    return changes


def plans_last_changed(*, state=None, plan=None):
    """When the published plan (or a state's published plans) last changed, or None."""
    plans = ActionPlan.objects.published()
    plans = plans.filter(pk=plan.pk) if plan is not None else plans.filter(state=state)
    return (
        ActionPlan.history.filter(id__in=plans.values("pk"))
        .order_by("-history_date")
        .values_list("history_date", flat=True)
        .first()
    )


def updates_feed_items(*, state=None, plan=None, limit=30):
    updates = ProgressUpdate.objects.visible().select_related("commitment__plan__state", "source")
    if plan is not None:
        updates = updates.filter(commitment__plan=plan)
    elif state is not None:
        updates = updates.filter(commitment__plan__state=state)
    return [
        update.public_version()
        for update in updates.order_by("-reported_on", "-created_at")[:limit]
    ]


def state_page_section(state) -> dict | None:
    """What a state's page shows of its action plans (published ones only)."""
    plans = list(published_plans(state))
    if not plans:
        return None
    return {"plans": [(plan, plan_progress(plan.commitments.all())) for plan in plans]}


def open_data_downloads():
    """List the commitments table and each state's progress feed, for the open-data catalogue."""
    index = reverse("commitments:index")
    yield Download(
        title=_("Compromisos de los planes de acción local"),
        page_url=index,
        url=f"{index}?formato=csv",
        media_type="CSV",
        source_note=source_columns_note(),
    )
    states = (
        ActionPlan.objects.published()
        .values_list("state__slug", "state__name")
        .distinct()
        .order_by("state__name")
    )
    for slug, name in states:
        feed = reverse("commitments:state-feed", args=[slug])
        yield Download(
            title=_("«¿Cómo vamos?» de %(name)s (Atom)") % {"name": name},
            page_url=reverse("commitments:state", args=[slug]),
            url=feed,
            media_type="Atom",
            source_note=_("Cada avance con su fuente"),
        )


# How the evaluation classifies a plan (the page writes these rules out for citizens).
# A plan "stalls" when nothing was reported in this many months, counted from the end of the
# period its latest update's date covers (a month-precision «mayo de 2017» runs to 31 May).
STALLED_AFTER_MONTHS = 12


class Standing:
    """What the evaluation says of a plan: fulfilled, advancing, stalled, or never reported."""

    FULFILLED = "fulfilled"
    ADVANCING = "advancing"
    STALLED = "stalled"
    NO_REPORTS = "no_reports"

    ORDER = (FULFILLED, ADVANCING, STALLED, NO_REPORTS)

    @staticmethod
    def label(value) -> str:
        return {
            Standing.FULFILLED: _("cumplido"),
            Standing.ADVANCING: _("avanza"),
            Standing.STALLED: _("estancado"),
            Standing.NO_REPORTS: _("sin reportes"),
        }[value]


@dataclass(frozen=True)
class PlanEvaluationRow:
    """One plan as the evaluation sees it, computed from its commitments and updates."""

    plan: ActionPlan
    progress: Progress
    last_reported_on: date | None
    last_precision: str | None
    standing: str
    months_without_reports: int | None

    @property
    def standing_label(self) -> str:
        return Standing.label(self.standing)


def period_end(day: date, precision: str | None) -> date:
    """Return the last day a date can stand for: 31 Dec for a year, the month's end for a month."""
    if precision == "year":
        return date(day.year, 12, 31)
    if precision == "month":
        return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
    return day


def months_between(earlier: date, later: date) -> int:
    """Whole months from `earlier` to `later` (0 when `later` is not after it)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        months -= 1
    return max(months, 0)


def plan_standing(progress: Progress, last_reported_on, last_precision, *, today: date) -> str:
    """Apply the evaluation's rules, in this order.

    1. «cumplido»: every commitment that counts is fulfilled (and at least one counts).
    2. «sin reportes»: no published «¿Cómo vamos?» update at all.
    3. «estancado»: the latest update is more than STALLED_AFTER_MONTHS months old.
    4. «avanza»: otherwise (an update within the last STALLED_AFTER_MONTHS months).
    """
    if progress.total and progress.done == progress.total and not progress.unknown:
        return Standing.FULFILLED
    if last_reported_on is None:
        return Standing.NO_REPORTS
    if months_between(period_end(last_reported_on, last_precision), today) >= STALLED_AFTER_MONTHS:
        return Standing.STALLED
    return Standing.ADVANCING


def _evaluated_plans():
    latest = (
        ProgressUpdate.objects.published()
        .filter(commitment__plan=OuterRef("pk"), commitment__is_published=True)
        .order_by("-reported_on", "-pk")
    )
    return (
        ActionPlan.objects.published()
        .select_related("state", "source")
        .annotate(
            latest_reported_on=Subquery(latest.values("reported_on")[:1]),
            latest_precision=Subquery(latest.values("date_precision")[:1]),
        )
        .prefetch_related(
            Prefetch(
                "commitments",
                queryset=Commitment.objects.published().with_progress().order_by("number"),
            )
        )
    )


def _evaluation_row(plan, today) -> PlanEvaluationRow:
    progress = plan_progress(plan.commitments.all())
    last, precision = plan.latest_reported_on, plan.latest_precision
    return PlanEvaluationRow(
        plan=plan,
        progress=progress,
        last_reported_on=last,
        last_precision=precision,
        standing=plan_standing(progress, last, precision, today=today),
        months_without_reports=(
            months_between(period_end(last, precision), today) if last is not None else None
        ),
    )


def national_evaluation(*, today: date | None = None) -> list[PlanEvaluationRow]:
    """Every published plan with its standing: by standing, then by state."""
    today = today or timezone.localdate()
    plans = _evaluated_plans().order_by("state__name", "number", "name")
    rows = [_evaluation_row(plan, today) for plan in plans]
    # Grouped by standing in the rules' order (fulfilled and advancing first), then by state.
    return sorted(rows, key=lambda row: Standing.ORDER.index(row.standing))


def standing_counts(rows) -> list[tuple[str, str, int]]:
    """How many plans are in each standing: (value, label, count), in the rules' order."""
    return [
        (value, Standing.label(value), sum(1 for row in rows if row.standing == value))
        for value in Standing.ORDER
    ]


def plan_evaluation(plan, *, today: date | None = None) -> PlanEvaluationRow:
    """The evaluation of one plan (already fetched with `plan_for`)."""
    today = today or timezone.localdate()
    return _evaluation_row(_evaluated_plans().get(pk=plan.pk), today)


def published_evaluations(plan):
    """What staff recorded of the plan's evaluations (weak points, recommendations)."""
    return (
        PlanEvaluation.objects.published()
        .filter(plan=plan)
        .select_related("source")
        .order_by("-evaluated_on", "pk")
    )
