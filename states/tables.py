import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.tables import STACKED_CELL_ATTRS


class StageColumn(tables.Column):
    """The stage's name with a swatch of its map colour (the CSV gets the name only)."""

    def render(self, value, record):
        if not record["status_color"]:
            return value
        return format_html(
            '<span><span class="swatch" style="background:{}" aria-hidden="true"></span>{}</span>',
            record["status_color"],
            value,
        )

    def value(self, value, record):
        return value


class MilestoneColumn(tables.Column):
    """Sí / No / Programada / sin dato, with a class per value for styling."""

    def render(self, value, record):
        code = record[f"{self.accessor}_code"]
        return format_html('<span class="mark mark--{}">{}</span>', code, value)

    def value(self, value, record):
        return value


def column(verbose_name, **kwargs):
    return tables.Column(verbose_name=verbose_name, attrs=STACKED_CELL_ATTRS, **kwargs)


def export_only(verbose_name):
    return tables.Column(verbose_name=verbose_name, visible=False)


class NationalProgressTable(tables.Table):
    """The national table: one row per state. Milestone columns come from the data."""

    state = column(_("Estado"), linkify=lambda record: record["state_url"])
    group = column(_("Grupo"))
    status = StageColumn(verbose_name=_("Etapa"), attrs=STACKED_CELL_ATTRS)
    cgatp = column(_("Integra la CGATP"))
    # In the CSV only: codes, notes and where the row comes from.
    cve_ent = export_only(_("Clave INEGI"))
    order_in_group = export_only(_("Número en el grupo"))
    status_as_reported = export_only(_("Etapa como aparece en el reporte"))
    notes = export_only(_("Notas"))
    report = export_only(_("Reporte"))
    source_reported_by = export_only(_("Fuente: quién lo reporta"))
    source_published_in = export_only(_("Fuente: dónde se publicó"))
    source_url = export_only(_("Fuente: URL"))
    source_confidence = export_only(_("Fuente: confianza"))

    class Meta:
        orderable = False
        attrs = {"class": "data-table data-table--stack"}
        # The CSV reads left to right like the page, with its extra columns where they belong.
        sequence = (
            "state",
            "cve_ent",
            "group",
            "order_in_group",
            "...",
            "status",
            "status_as_reported",
            "cgatp",
            "notes",
            "report",
            "source_reported_by",
            "source_published_in",
            "source_url",
            "source_confidence",
        )
        empty_text = _("Ningún estado cumple con estos filtros.")

    @classmethod
    def for_kinds(cls, rows, kinds):
        """Return the table with one column per milestone kind, in the kinds' order."""
        milestone_columns = [
            (
                f"m_{kind.code}",
                MilestoneColumn(verbose_name=kind.short_name, attrs=STACKED_CELL_ATTRS),
            )
            for kind in kinds
        ]
        return cls(rows, extra_columns=milestone_columns)
