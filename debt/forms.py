"""Forms of the debt pages that are not filters of a queryset."""

from django import forms
from django.utils.translation import gettext_lazy as _

from debt.national import CompareMeasure


class CompareForm(forms.Form):
    """What the comparison page shows (?medida=&base=), as a GET form that works without
    JavaScript. A value it does not offer falls back to the default, never to an error."""

    medida = forms.ChoiceField(label=_("Comparar por"), required=False)
    base = forms.TypedChoiceField(
        label=_("Pesos constantes de"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, base_years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["medida"].choices = CompareMeasure.choices()
        self.fields["base"].choices = [(year, year) for year in base_years]
        self.fields["base"].help_text = _("Sólo para «Saldo en pesos constantes».")

    def chosen(self) -> tuple[str, int | None]:
        """Return the measure and base year asked for, each valid one kept, the rest default."""
        self.is_valid()
        measure = self.cleaned_data.get("medida") or CompareMeasure.DEFAULT
        return measure, self.cleaned_data.get("base")


class StateDebtOrderForm(forms.Form):
    """How to sort the table of the 32 states (?orden=), for those who cannot reach its
    headers: on a phone the table scrolls sideways. The values are the table's own."""

    orden = forms.ChoiceField(
        label=_("Ordenar por"),
        required=False,
        choices=[
            ("name", _("Estado (A–Z)")),
            ("-amount", _("Saldo (SHCP), de mayor a menor")),
            ("-per_person", _("Por persona, de mayor a menor")),
            ("-percent_gdp", _("% del PIB estatal, de mayor a menor")),
            ("-shcp_percent_gdp", _("% del PIB según SHCP, de mayor a menor")),
            ("-alerts_amount", _("Deuda y obligaciones (Sistema de Alertas), de mayor a menor")),
        ],
    )
