import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from core.tables import STACKED_CELL_ATTRS


def column(verbose_name, **kwargs):
    return tables.Column(verbose_name=verbose_name, attrs=STACKED_CELL_ATTRS, **kwargs)


class CommitmentTable(tables.Table):
    """Commitments as citizens see them; the CSV has the same columns plus the source."""

    state = column(_("Estado"))
    plan = column(_("Plan"))
    number = column(_("Núm."), default="")
    title = column(_("Compromiso"), linkify=lambda record: record["url"])
    follows_the_money = column(_("Sigue el dinero"))
    status = column(_("Estatus"))
    progress = column(_("Avance"), default=_("sin hitos"))
    updated = column(_("Última modificación"))
    theme = tables.Column(verbose_name=_("Tema"), visible=False)
    source = tables.Column(verbose_name=_("Fuente"), visible=False)
    url = tables.Column(verbose_name=_("Dirección"), visible=False)

    class Meta:
        orderable = False
        attrs = {"class": "data-table data-table--stack"}
        empty_text = _("Ningún compromiso cumple con estos filtros.")
