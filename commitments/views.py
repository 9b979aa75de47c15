from collections import Counter
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tables2 import RequestConfig

from commitments import selectors
from commitments.charts import status_figure
from commitments.filters import CommitmentFilter
from commitments.models import CommitmentStatus, local_secretariat_name
from commitments.tables import ActivityTable, CommitmentTable, PlanEvaluationTable
from core.catalogue import page_downloads
from core.exports import csv_url_for, table_csv_response, wants_csv
from core.feeds import FactDatedFeed
from states.models import State

PAGE_SIZE = 20


def commitment_list(request):
    filterset = CommitmentFilter(request.GET, queryset=selectors.visible_commitments())
    commitments = filterset.qs
    if wants_csv(request):
        return table_csv_response(
            _commitment_table(request, commitments), "compromisos", request=request
        )
    page = Paginator(commitments, PAGE_SIZE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {
        "filterset": filterset,
        "table": _commitment_table(request, page.object_list),
        "page": page,
        "query": query.urlencode(),
        "csv_url": csv_url_for(request),
        "downloads": page_downloads("compromisos", request.GET),
    }
    return render(request, "commitments/list.html", context)


def _commitment_table(request, commitments):
    table = CommitmentTable(commitments)
    # Knowing the request, the CSV gives each commitment's full address (its "url").
    RequestConfig(request, paginate=False).configure(table)
    return table


def state_plans(request, state):
    state = get_object_or_404(State, slug=state)
    plans = [
        (plan, selectors.plan_progress(plan.commitments.all()))
        for plan in selectors.published_plans(state)
    ]
    return render(request, "commitments/state_plans.html", {"state": state, "plans": plans})


def plan_detail(request, state, plan):
    plan = selectors.plan_for(state, plan)
    commitments = selectors.plan_commitments(plan)
    counts = Counter(c.status for c in commitments)
    by_status = [(label, counts.get(value, 0)) for value, label in CommitmentStatus.choices]
    csv_query = urlencode({"estado": plan.state.slug, "plan": plan.name, "formato": "csv"})
    context = {
        "plan": plan,
        "state": plan.state,
        "progress": selectors.plan_progress(commitments),
        "table": CommitmentTable.for_plan(commitments, caption=_("Compromisos del plan")),
        "by_status": [(label, n) for label, n in by_status if n],
        "figure": status_figure([(label, n) for label, n in by_status if n]),
        # The plan's rows of the commitments' CSV: the same table, filtered to this plan.
        "csv_url": f"{reverse('commitments:index')}?{csv_query}",
        "downloads": page_downloads("compromisos", {"estado": plan.state.slug, "plan": plan.name}),
    }
    return render(request, "commitments/plan.html", context)


def national_evaluation(request):
    rows = selectors.national_evaluation()
    table = PlanEvaluationTable(rows, caption=_("Situación de cada plan de acción local"))
    RequestConfig(request, paginate=False).configure(table)
    if wants_csv(request):
        return table_csv_response(table, "evaluacion-planes", request=request)
    context = {
        "table": table,
        "counts": selectors.standing_counts(rows),
        "stalled_after_months": selectors.STALLED_AFTER_MONTHS,
        "csv_url": csv_url_for(request),
        "downloads": page_downloads("evaluacion-planes", {}),
    }
    return render(request, "commitments/evaluation.html", context)


def plan_evaluation(request, state, plan):
    plan = selectors.plan_for(state, plan)
    caption = _("Compromisos del plan y su último avance")
    context = {
        "plan": plan,
        "state": plan.state,
        "row": selectors.plan_evaluation(plan),
        "table": CommitmentTable.for_evaluation(selectors.plan_commitments(plan), caption=caption),
        "evaluations": list(selectors.published_evaluations(plan)),
        "stalled_after_months": selectors.STALLED_AFTER_MONTHS,
    }
    return render(request, "commitments/plan_evaluation.html", context)


def commitment_detail(request, state, plan, pk):
    commitment = selectors.commitment_for(state, plan, pk)
    activities = list(commitment.activities.all())
    table = ActivityTable(activities, caption=_("Actividades, su peso y cuándo se cumplieron"))
    if wants_csv(request):
        return table_csv_response(
            table, f"actividades-{commitment.plan.state.slug}-{commitment.pk}", request=request
        )
    context = {
        "commitment": commitment,
        "plan": commitment.plan,
        "state": commitment.plan.state,
        "progress": selectors.commitment_progress(commitment),
        "fact_date": selectors.fact_date(commitment),
        "activities": activities,
        "table": table,
        "updates": selectors.public_updates(commitment),
        "history": selectors.change_history(commitment),
        "csv_url": csv_url_for(request),
        "downloads": page_downloads("actividades-compromisos", {"compromiso": commitment.pk}),
        "update_downloads": page_downloads("avances-compromisos", {"compromiso": commitment.pk}),
    }
    return render(request, "commitments/detail.html", context)


class ProgressFeed(FactDatedFeed):
    """Atom feed of "¿Cómo vamos?" updates of a state, or of one of its plans.

    Each update is dated by the day it reports and signed by the state's Secretariado Técnico
    Local (or by whoever the update says reports it), never by the staff who typed it.
    """

    def get_object(self, request, state, plan=None):
        if plan:
            return selectors.plan_for(state, plan)
        return get_object_or_404(State, slug=state)

    def title(self, obj):
        return _("¿Cómo vamos? %(name)s") % {"name": obj}

    def link(self, obj):
        if isinstance(obj, State):
            return reverse("commitments:state", kwargs={"state": obj.slug})
        return obj.get_absolute_url()

    def author_name(self, obj):
        return local_secretariat_name(obj if isinstance(obj, State) else obj.state)

    def items(self, obj):
        if isinstance(obj, State):
            return selectors.updates_feed_items(state=obj)
        return selectors.updates_feed_items(plan=obj)

    def updated_when_empty(self, obj):
        if isinstance(obj, State):
            return selectors.plans_last_changed(state=obj)
        return selectors.plans_last_changed(plan=obj)

    def item_title(self, update):
        return str(update.commitment)

    def item_description(self, update):
        return update.text

    def item_link(self, update):
        return f"{update.commitment.get_absolute_url()}#avance-{update.pk}"

    def item_author_name(self, update):
        return update.author or local_secretariat_name(update.commitment.plan.state)

    def item_date(self, update):
        return update.reported_on
