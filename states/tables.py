import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core import formatting
from core.tables import SOURCE_COLUMNS, ChoiceColumn, DataTable, SourceColumnsMixin
from states.models import YesNoUnknown


class StageColumn(tables.Column):
    """The stage's name with a swatch of its map colour (the CSV gets the name only)."""

    def render(self, value, record):
        # An SVG fill, not a style attribute: the Content-Security-Policy allows no inline style.
        return format_html(
            '<span><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true" focusable="false">'
            '<rect width="10" height="10" fill="{}" /></svg>{}</span>',
            record.status.color,
            value,
        )

    def value(self, value):
        return value


class MilestoneColumn(ChoiceColumn):
    """Sí / No / Programada / sin dato, with a class per value for styling; the code in the CSV."""

    def __init__(self, **kwargs):
        super().__init__(YesNoUnknown, **kwargs)

    def render(self, record, bound_column):
        code = self.code(record, bound_column)
        return format_html('<span class="mark mark--{}">{}</span>', code, YesNoUnknown(code).label)


def export_only(verbose_name, **kwargs):
    return tables.Column(verbose_name=verbose_name, visible=False, **kwargs)


# The CSV reads left to right like the page, with its extra columns where they belong;
# the milestone columns (one per kind, from the data) go where the "..." is.
SEQUENCE = (
    "state",
    "cve_ent",
    "group",
    "order_in_group",
    "...",
    "status",
    "status_as_reported",
    "cgatp_member",
    "notes",
    "report",
    *SOURCE_COLUMNS,
)


class NationalProgressTable(SourceColumnsMixin, DataTable):
    """Rows of the national reports: one per state and report (ReportEntry).

    Records come from `states.selectors.with_milestone_values`; milestone columns, named by
    each kind's code as in the report files, come from the data (`for_kinds`).
    """

    source_accessor = "report__source"

    state = tables.Column(
        verbose_name=_("Estado"),
        accessor="state__name",
        linkify=lambda record: record.state.get_absolute_url(),
    )
    group = tables.Column(verbose_name=_("Grupo"))
    status = StageColumn(
        verbose_name=_("Etapa"), accessor="status__name", default=_("sin etapa reportada")
    )
    cgatp_member = ChoiceColumn(YesNoUnknown, verbose_name=_("Integra la CGATP"))
    # Shown on a state's page only (`for_state`): the national page is one report.
    report = tables.Column(verbose_name=_("Reporte"), accessor="report__code", visible=False)
    # In the CSV only: codes, notes and where the row comes from.
    cve_ent = export_only(_("Clave INEGI"), accessor="state__cve_ent")
    order_in_group = export_only(_("Número en el grupo"))
    status_as_reported = export_only(_("Etapa como aparece en el reporte"))
    notes = export_only(_("Notas"))

    class Meta(DataTable.Meta):
        sequence = SEQUENCE
        empty_text = _("Ningún estado cumple con estos filtros.")

    @classmethod
    def for_kinds(cls, entries, kinds, **kwargs):
        """Return the table with one column per milestone kind, in the kinds' order."""
        milestone_columns = [
            (
                # A kind's code is its column in the report files; prefixed only if it would
                # replace one of the table's own columns.
                kind.code if kind.code not in cls.base_columns else f"m_{kind.code}",
                MilestoneColumn(verbose_name=kind.short_name, accessor=f"m_{kind.code}"),
            )
            for kind in kinds
        ]
        extra_columns = [*milestone_columns, *kwargs.pop("extra_columns", ())]
        return cls(entries, extra_columns=extra_columns, **kwargs)

    @classmethod
    def for_state(cls, entries, kinds, **kwargs):
        """Return what each report says of one state: the report first, not the state."""
        sequence = ("report", *(name for name in SEQUENCE if name != "report"))
        table = cls.for_kinds(entries, kinds, sequence=sequence, **kwargs)
        table.columns.show("report")
        table.columns.hide("state")
        table.columns.hide("cgatp_member")
        return table

    def render_report(self, record):
        return format_html(
            '<a href="{}">{}</a>',
            record.report.get_absolute_url(),
            formatting.month_year(record.report.as_of),
        )
