import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core import formatting
from core.tables import STACKED_CELL_ATTRS


class MillionsColumn(tables.Column):
    """Shown as $7,698.6 mdp; exported as the exact amount in pesos (a number)."""

    def render(self, value):
        return formatting.millions_of_pesos(value)

    def value(self, value):
        return value


class SourceColumn(tables.Column):
    """Who reported it, linked to where it was published when there is a URL."""

    def render(self, value, record):
        if record.get("url") or record.get("source_url"):
            return format_html(
                '<a href="{}">{}</a>', record.get("url") or record.get("source_url"), value
            )
        return value


def column(verbose_name, **kwargs):
    return tables.Column(verbose_name=verbose_name, attrs=STACKED_CELL_ATTRS, **kwargs)


class HistoricalTable(tables.Table):
    """Every debt figure of a state with its source: the chart's data table and its CSV."""

    date = column(_("Fecha"))
    scope = column(_("Alcance"))
    value_display = column(_("Valor"))
    amount = MillionsColumn(verbose_name=_("Monto (pesos corrientes)"), attrs=STACKED_CELL_ATTRS)
    reported_by = column(_("Quién lo reporta"))
    published_in = SourceColumn(verbose_name=_("Dónde se publicó"), attrs=STACKED_CELL_ATTRS)
    confidence = column(_("Confianza"))
    notes = column(_("Notas"))
    url = tables.Column(verbose_name=_("URL de la fuente"), visible=False)
    as_of = tables.Column(verbose_name=_("Fecha (AAAA-MM-DD)"), visible=False)

    class Meta:
        orderable = False
        attrs = {"class": "data-table data-table--stack"}
        row_attrs = {"id": lambda record: f"cifra-{record['id']}"}
        empty_text = _("Todavía no hay cifras de deuda para este estado.")

    def __init__(self, *args, value_header=None, **kwargs):
        super().__init__(*args, **kwargs)
        if value_header and "value_display" in self.columns:
            self.columns["value_display"].column.verbose_name = value_header


class LoanTable(tables.Table):
    """Loans with their terms and source: sortable; the CSV has the same columns."""

    label = column(_("Crédito"), linkify=lambda record: record["url"])
    creditor = column(_("Acreedor"))
    signed = column(_("Firma"), order_by=("signed_on",))
    amount_contracted = MillionsColumn(
        verbose_name=_("Monto contratado"), attrs=STACKED_CELL_ATTRS, default=_("sin dato")
    )
    term = column(_("Plazo"), default=_("sin dato"))
    rate = column(_("Tasa"), default=_("sin dato"))
    rate_type = column(_("Tipo de tasa"))
    payment_source = column(_("Fuente de pago"), default=_("sin dato"))
    status = column(_("Situación"))
    latest_balance = MillionsColumn(
        verbose_name=_("Último saldo conocido"), attrs=STACKED_CELL_ATTRS, default=_("sin dato")
    )
    latest_balance_as_of = column(_("Fecha del saldo"), default=_("sin dato"))
    purpose = tables.Column(verbose_name=_("Destino"), visible=False)
    refinanced_by = tables.Column(verbose_name=_("Refinanciado con"), visible=False)
    reported_by = tables.Column(verbose_name=_("Fuente: quién lo reporta"), visible=False)
    published_in = tables.Column(verbose_name=_("Fuente: dónde se publicó"), visible=False)
    source_url = tables.Column(verbose_name=_("Fuente: URL"), visible=False)
    confidence = tables.Column(verbose_name=_("Fuente: confianza"), visible=False)
    notes = tables.Column(verbose_name=_("Notas"), visible=False)

    class Meta:
        attrs = {"class": "data-table data-table--stack"}
        empty_text = _("Ningún crédito cumple con estos filtros.")
        order_by_field = "orden"

    def render_latest_balance_as_of(self, value):
        return formatting.long_date(value)

    def value_latest_balance_as_of(self, value):
        return value.isoformat()


class BalanceTable(tables.Table):
    """A loan's balances by date, with their sources (page and CSV)."""

    as_of = column(_("Fecha"))
    amount = MillionsColumn(verbose_name=_("Saldo (pesos)"), attrs=STACKED_CELL_ATTRS)
    reported_by = column(_("Quién lo reporta"))
    published_in = SourceColumn(verbose_name=_("Dónde se publicó"), attrs=STACKED_CELL_ATTRS)
    confidence = column(_("Confianza"))
    source_url = tables.Column(verbose_name=_("URL de la fuente"), visible=False)

    class Meta:
        orderable = False
        attrs = {"class": "data-table data-table--stack"}
        empty_text = _("No tenemos saldos publicados de este crédito.")

    def render_as_of(self, value):
        return formatting.long_date(value)

    def value_as_of(self, value):
        return value.isoformat()
