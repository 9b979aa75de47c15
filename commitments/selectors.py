"""Reads of commitments: what citizens see, progress arithmetic and search."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import cast

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import F, Field, Func, Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from commitments.models import (
    ActionPlan,
    Commitment,
    CommitmentActivity,
    CommitmentStatus,
    ProgressUpdate,
)
from core.formatting import fold
from core.registries import Download
from core.tables import source_columns_note

SEARCH_FIELDS = ["title", "problem", "objective", "responsible", "theme"]


@dataclass(frozen=True)
class Progress:
    """Share of weight done. `percent` is None when there is nothing to measure it with."""

    done: int
    total: int

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


def plan_progress(commitments) -> Progress:
    """Each commitment weighs one; fulfilled ones are done; cancelled ones do not count."""
    counted = [c for c in commitments if c.status != CommitmentStatus.CANCELLED]
    return Progress(
        done=sum(1 for c in counted if c.status == CommitmentStatus.FULFILLED),
        total=len(counted),
    )


def visible_commitments():
    return (
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
        vector = SearchVector(
            *(Func(F(name), function="unaccent") for name in SEARCH_FIELDS), config="spanish"
        )
        terms = SearchQuery(fold(query), config="spanish", search_type="websearch")
        return queryset.annotate(search=vector).filter(search=terms)
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
        .prefetch_related(
            Prefetch("commitments", queryset=Commitment.objects.published().order_by("number"))
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
        Commitment.objects.published()
        .filter(plan=plan)
        .select_related("plan__state", "source")
        .with_progress()
        .order_by("number", "title")
    )


def commitment_for(state_slug, plan_slug, pk) -> Commitment:
    return get_object_or_404(
        Commitment.objects.visible()
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


def change_history(commitment, limit=20):
    """Who changed the commitment and what, newest first (from its history records)."""
    records = list(
        commitment.history.select_related("history_user").order_by("-history_date")[: limit + 1]
    )
    changes = []
    for newer, older in zip(records, [*records[1:], None], strict=True):
        # A history diff names concrete fields only, never a reverse relation.
        fields = (
            [
                str(cast(Field, Commitment._meta.get_field(change.field)).verbose_name)
                for change in newer.diff_against(older).changes
            ]
            if older
            else []
        )
        changes.append({"record": newer, "fields": fields})
    return changes[:limit]


def updates_feed_items(*, state=None, plan=None, limit=30):
    updates = ProgressUpdate.objects.visible().select_related("commitment__plan__state", "source")
    if plan is not None:
        updates = updates.filter(commitment__plan=plan)
    elif state is not None:
        updates = updates.filter(commitment__plan__state=state)
    return updates.order_by("-reported_on", "-created_at")[:limit]


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
