from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.gzip import gzip_page
from django.views.generic import DetailView

from core.catalogue import page_downloads
from core.exports import csv_url_for, table_csv_response, wants_csv
from core.registries import sections_for
from states import charts, selectors
from states.filters import (
    NationalProgressFilter,
    ReportChoiceForm,
    ReportQueryForm,
    StatePickerForm,
)
from states.geo import mexico_states_geojson
from states.models import State, YesNoUnknown
from states.tables import NationalProgressTable


def national_progress(request):
    """The national "¿Cómo vamos?" table of one report, its counters, map and changes."""
    codes = ReportQueryForm(request.GET)
    report, previous, reports = selectors.reports_to_show(
        codes.code("reporte"), codes.code("comparar")
    )
    if report is None:
        return render(request, "states/national_progress_empty.html")
    kinds = selectors.milestone_kinds()
    filterset = NationalProgressFilter(
        request.GET,
        queryset=selectors.report_entries(report),
        groups=selectors.report_groups(report),
        kinds=kinds,
    )
    entries = selectors.with_milestone_values(filterset.qs, kinds)
    table = NationalProgressTable.for_kinds(entries, kinds)
    if wants_csv(request):
        return table_csv_response(table, f"avance-nacional-{report.code}", request=request)
    statuses = selectors.progress_statuses()
    context = {
        "report": report,
        "report_form": ReportChoiceForm({"reporte": report.code}, reports=reports),
        "filterset": filterset,
        "table": table,
        "counters": selectors.report_counters(entries, kinds),
        "map_figure": charts.stage_map_figure(
            rows=_map_rows(entries),
            statuses=statuses,
            all_states=selectors.state_list(),
            geojson_url=reverse("states:geojson"),
        ),
        "map_legend": charts.map_legend(statuses),
        "previous": previous,
        "changes": selectors.report_changes(report, previous, kinds),
        "csv_url": csv_url_for(request),
        "downloads": page_downloads(
            "avance-nacional", {**request.GET.dict(), "reporte": report.code}
        ),
    }
    return render(request, "states/national_progress.html", context)


def _map_rows(entries) -> list[dict]:
    """The map's input: each state shown and its stage (charts take plain rows)."""
    return [
        {
            "cve_ent": entry.state.cve_ent,
            "state": entry.state.name,
            "status_slug": _map_group(entry),
        }
        for entry in entries
    ]


def _map_group(entry) -> str:
    if entry.status:
        return entry.status.slug
    # A state the report says did not sign has no stage: it is not an unknown one.
    signed = getattr(entry, "m_signed_declaration", YesNoUnknown.UNKNOWN)
    return charts.NOT_SIGNED if signed == YesNoUnknown.NO else ""


@gzip_page
def states_geojson(request):
    """The 32 states as GeoJSON (ids are INEGI codes), decoded from the shipped TopoJSON."""
    response = JsonResponse(mexico_states_geojson())
    patch_cache_control(response, public=True, max_age=60 * 60 * 24)
    return response


def go_to_state(request):
    """Send the home page's state picker (?estado=<slug>) to that state's page (404 if unknown)."""
    picker = StatePickerForm(request.GET)
    if not picker.is_valid():  # not a slug (a NUL byte, "../admin"): no such state
        raise Http404
    slug = picker.cleaned_data["estado"]
    if not slug:
        return redirect("states:list")
    return redirect(get_object_or_404(State, slug=slug))


class StateDetailView(DetailView):
    model = State
    template_name = "states/state_detail.html"
    context_object_name = "state"

    def get_context_data(self, **kwargs):
        kinds = selectors.milestone_kinds()
        milestones, entries = selectors.state_timeline(self.object, kinds)
        caption = _("Lo que cada reporte dice de %(name)s") % {"name": self.object.name}
        return super().get_context_data(
            milestones=milestones,
            stories=selectors.state_stories(self.object),
            table=NationalProgressTable.for_state(entries, kinds, caption=caption),
            sections=sections_for(self.object),
            csv_url=csv_url_for(self.request),
            downloads=page_downloads("avance-nacional", {"estado": self.object.slug}),
            **kwargs,
        )

    def render_to_response(self, context, **response_kwargs):
        if wants_csv(self.request):
            return table_csv_response(
                context["table"], f"reportes-{self.object.slug}", request=self.request
            )
        return super().render_to_response(context, **response_kwargs)
