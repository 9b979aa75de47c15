"""The states app's published dataset (core.datasets): the national «¿Cómo vamos?» reports."""

from django import forms
from django.db.models import Max, Min
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.datasets import Coverage, FieldInfo, PublishedDataset
from core.models import Source
from core.tables import DateColumn
from states import selectors
from states.models import Report, ReportEntry, ReportMilestone, State, YesNoUnknown
from states.tables import NationalProgressTable


class NationalProgressForm(forms.Form):
    """?reporte=&estado=&grupo=&etapa=&hito=: every report and state unless narrowed."""

    reporte = forms.ModelChoiceField(
        queryset=Report.objects.all(),
        to_field_name="code",
        required=False,
        label=_("Reporte"),
        help_text=_("Código del reporte (año y mes), p. ej. 2016-09; todos si no."),
    )
    estado = forms.ModelChoiceField(
        queryset=State.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        label=_("Estado"),
    )
    grupo = forms.CharField(required=False, max_length=40, label=_("Grupo"))
    etapa = forms.SlugField(required=False, label=_("Etapa"))
    hito = forms.SlugField(required=False, label=_("Hito alcanzado"))


def national_progress_table(filters) -> NationalProgressTable:
    kinds = selectors.milestone_kinds()
    entries = ReportEntry.objects.with_related()
    if filters.get("reporte"):
        entries = entries.filter(report=filters["reporte"])
    if filters.get("estado"):
        entries = entries.filter(state=filters["estado"])
    if filters.get("grupo"):
        entries = entries.filter(group=filters["grupo"])
    if filters.get("etapa"):
        entries = entries.filter(status__slug=filters["etapa"])
    if filters.get("hito"):
        entries = entries.filter(
            milestones__kind__code=filters["hito"], milestones__value=YesNoUnknown.YES
        )
    entries = entries.with_milestone_values(kinds).order_by(
        "-report__as_of", "group", "order_in_group", "state__name"
    )
    table = NationalProgressTable.for_kinds(
        entries,
        kinds,
        extra_columns=[
            (
                "report_as_of",
                DateColumn(_("Fecha del reporte"), accessor="report__as_of", visible=False),
            )
        ],
    )
    return table


def _example() -> dict:
    report = Report.objects.latest_first().first()
    return {"reporte": report} if report else {}


def _page(filters) -> str:
    if filters.get("estado"):
        return filters["estado"].get_absolute_url()
    if filters.get("reporte"):
        return filters["reporte"].get_absolute_url()
    return reverse("states:list")


def _coverage() -> Coverage:
    found = Report.objects.aggregate(start=Min("as_of"), end=Max("as_of"))
    names = tuple(
        State.objects.filter(report_entries__isnull=False)
        .distinct()
        .order_by("name")
        .values_list("name", flat=True)
    )
    return Coverage(names, found["start"], found["end"])


def _sources():
    return Source.objects.filter(pk__in=Report.objects.values("source")).order_by("published_on")


def _filename(filters) -> list:
    return [
        getattr(filters.get("reporte"), "code", None),
        getattr(filters.get("estado"), "slug", None),
        filters.get("grupo"),
        filters.get("etapa"),
        filters.get("hito"),
    ]


national_progress = PublishedDataset(
    key="avance-nacional",
    title=_("Avance nacional «¿Cómo vamos?» de los estados"),
    description=_(
        "Lo que dice cada reporte nacional de cada estado: su grupo, su etapa, si integra la "
        "CGATP y, por cada hito (firma de la declaratoria, instalación del secretariado, "
        "lanzamiento del plan...), yes, no, scheduled (programada) o unknown (sin dato)."
    ),
    build_table=national_progress_table,
    filter_form=NationalProgressForm,
    example_filters=_example,
    page_url=_page,
    filename_parts=_filename,
    models=(Report, ReportEntry, ReportMilestone),
    fields={
        "cve_ent": FieldInfo(description=_("Clave INEGI del estado.")),
        "order_in_group": FieldInfo("integer"),
        "report": FieldInfo(description=_("Código del reporte: año y mes.")),
        "report_as_of": FieldInfo(description=_("Primer día del mes que reporta.")),
    },
    coverage=_coverage,
    sources=_sources,
    order=10,
)

DATASETS = (national_progress,)
