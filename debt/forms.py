"""Forms of the debt app.

Admin forms: staff type amounts in millions of pesos, the unit they read in SHCP's tables;
the database keeps pesos. A likely slip asks for confirmation; an official figure typed again
is refused. Page forms: what the public pages show (GET, defaults on bad values).
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.formatting import MILLION
from debt import figure_checks
from debt.models import DebtFigure, Loan, LoanBalance
from debt.national import CompareMeasure

CENTAVO = Decimal("0.01")
# «7243.3» or «7,243.3»: a comma only between groups of three digits (es-MX). «7243,3» is
# refused rather than read as 72,433.
GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d*)?$")


def to_pesos(millions: Decimal) -> Decimal:
    return (millions * MILLION).quantize(CENTAVO)


def to_millions(pesos: Decimal | None) -> str | None:
    """Return pesos as the millions staff would type: 7243300000.00 -> '7243.3'."""
    if pesos is None:
        return None
    return format((Decimal(pesos) / MILLION).normalize(), "f")


class MillionsOfPesosField(forms.DecimalField):
    """An amount typed in millions of pesos («7243.3», «7,243.3», «$7,243.3 mdp»)."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
    default_error_messages = {
        "invalid": gettext_lazy(
            "Escribe el monto en millones de pesos con punto decimal, por ejemplo 7243.3."
        ),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("label", gettext_lazy("Monto (millones de pesos)"))
        kwargs.setdefault(
            "help_text",
            gettext_lazy(
                "En millones de pesos, con punto decimal, como en las tablas de la SHCP: "
                "7243.3 se guarda como $7,243.3 mdp (7,243,300,000 pesos)."
            ),
        )
        # Up to 9,999,999,999.99999999 millions: the pesos column's 18 digits, to the centavo.
        super().__init__(max_digits=18, decimal_places=8, min_value=0, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace("$", "").replace("mdp", "").replace(" ", "")
            if "," in value:
                if not GROUPED.match(value):
                    raise ValidationError(self.error_messages["invalid"], code="invalid")
                value = value.replace(",", "")
        try:
            return super().to_python(value)
        except ValidationError:
            raise
        except InvalidOperation:  # pragma: no cover - DecimalField reports it as invalid
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class ConfirmAmountMixin(forms.Form):
    """A box staff tick to keep an amount the form finds suspicious.

    Hidden until the form warns: a box offered every time is a box ticked every time.
    """

    confirm_amount = forms.BooleanField(
        label=gettext_lazy("Confirmo que la cifra es correcta"),
        required=False,
        widget=forms.HiddenInput,
    )

    def check_scale(self, field: str, amount: Decimal, reference, *, only_larger=False):
        if reference is None or not reference.too_far(amount, only_larger=only_larger):
            return
        self.fields["confirm_amount"].widget = forms.CheckboxInput()
        if not self.cleaned_data.get("confirm_amount"):
            self.add_error(field, reference.warning(amount))


class AmountInMillionsMixin:
    """Show and read a model's amount in pesos as millions: `millions_field` ↔ `amount_attr`."""

    millions_field = "amount_millions"
    amount_attr = "amount"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            stored = getattr(self.instance, self.amount_attr)
            self.initial.setdefault(self.millions_field, to_millions(stored))

    def amount_in_pesos(self) -> Decimal | None:
        """Return the amount typed, in pesos (None when left empty or invalid)."""
        millions = self.cleaned_data.get(self.millions_field)
        return None if millions is None else to_pesos(millions)


class DebtFigureForm(AmountInMillionsMixin, ConfirmAmountMixin, forms.ModelForm):
    amount_millions = MillionsOfPesosField()

    class Meta:
        model = DebtFigure
        fields = ["state", "as_of", "date_precision", "scope", "source", "notes"]

    def clean(self):
        super().clean()
        data = self.cleaned_data
        amount = self.amount_in_pesos()
        if amount is None:
            return data
        self.instance.amount = amount
        state, scope, as_of = data.get("state"), data.get("scope"), data.get("as_of")
        if not (state and scope and as_of):
            return data
        twins = figure_checks.official_twins(
            figure_checks.official_candidates([(state, as_of.year)]),
            state=state,
            as_of=as_of,
            precision=data.get("date_precision"),
            scope=scope,
            amount=amount,
            exclude_pk=self.instance.pk,
        )
        if twins:
            self.add_error("amount_millions", figure_checks.twin_message(twins[0]))
            return data
        self.check_scale(
            "amount_millions",
            amount,
            figure_checks.figure_reference(state, scope, as_of, exclude_pk=self.instance.pk),
        )
        return data


class LoanForm(AmountInMillionsMixin, ConfirmAmountMixin, forms.ModelForm):
    millions_field = "amount_contracted_millions"
    amount_attr = "amount_contracted"
    amount_contracted_millions = MillionsOfPesosField(
        label=gettext_lazy("Monto contratado (millones de pesos)"), required=False
    )

    class Meta:
        model = Loan
        fields = [
            "state",
            "creditor",
            "label",
            "signed_on",
            "signed_precision",
            "term",
            "rate_type",
            "rate",
            "payment_source",
            "purpose",
            "status",
            "refinanced_by",
            "source",
            "notes",
        ]

    def clean(self):
        super().clean()
        data = self.cleaned_data
        self.instance.amount_contracted = self.amount_in_pesos()
        if self.instance.amount_contracted is not None and data.get("state"):
            self.check_scale(
                "amount_contracted_millions",
                self.instance.amount_contracted,
                figure_checks.loan_reference(data["state"], exclude_pk=self.instance.pk),
            )
        return data


class LoanBalanceForm(AmountInMillionsMixin, ConfirmAmountMixin, forms.ModelForm):
    amount_millions = MillionsOfPesosField(label=gettext_lazy("Saldo (millones de pesos)"))

    class Meta:
        model = LoanBalance
        fields = ["as_of", "source"]

    def __init__(self, *args, loan=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The loan being edited, even before it is saved (the inline sets only its id).
        self.loan = loan
        # A column of the inline's table: always there, so the columns stay aligned.
        self.fields["confirm_amount"].label = _("Confirmo el saldo")
        self.fields["confirm_amount"].widget = forms.CheckboxInput()

    def clean(self):
        super().clean()
        data = self.cleaned_data
        amount = self.amount_in_pesos()
        if amount is None:
            return data
        self.instance.amount = amount
        loan = self.loan
        if loan is not None:
            self.check_scale(
                "amount_millions",
                self.instance.amount,
                figure_checks.balance_reference(loan, exclude_pk=self.instance.pk),
            )
        return data


class LoanBalanceFormSet(forms.BaseInlineFormSet):
    """Hands each balance form its loan, so a new loan's balances are checked too."""

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "loan": self.instance}


# Forms of the public pages that are not filters of a queryset.


class CompareForm(forms.Form):
    """What the comparison page shows (?medida=&base=), as a GET form that works without
    JavaScript. A value it does not offer falls back to the default, never to an error."""

    medida = forms.ChoiceField(label=gettext_lazy("Comparar por"), required=False)
    base = forms.TypedChoiceField(
        label=gettext_lazy("Pesos constantes de"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, base_years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["medida"].choices = CompareMeasure.choices()
        self.fields["base"].choices = [(year, year) for year in base_years]
        self.fields["base"].help_text = gettext_lazy("Sólo para «Saldo en pesos constantes».")

    def chosen(self) -> tuple[str, int | None]:
        """Return the measure and base year asked for, each valid one kept, the rest default."""
        self.is_valid()
        measure = self.cleaned_data.get("medida") or CompareMeasure.DEFAULT
        return measure, self.cleaned_data.get("base")


class StateDebtOrderForm(forms.Form):
    """How to sort the table of the 32 states (?orden=), for those who cannot reach its
    headers: on a phone the table scrolls sideways. The values are the table's own."""

    orden = forms.ChoiceField(
        label=gettext_lazy("Ordenar por"),
        required=False,
        choices=[
            ("name", gettext_lazy("Estado (A–Z)")),
            ("-amount", gettext_lazy("Saldo (SHCP), de mayor a menor")),
            ("-per_person", gettext_lazy("Por persona, de mayor a menor")),
            ("-percent_gdp", gettext_lazy("% del PIB estatal, de mayor a menor")),
            ("-shcp_percent_gdp", gettext_lazy("% del PIB según SHCP, de mayor a menor")),
            (
                "-alerts_amount",
                gettext_lazy("Deuda y obligaciones (Sistema de Alertas), de mayor a menor"),
            ),
        ],
    )
