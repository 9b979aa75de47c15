import django_filters
from django.utils.translation import gettext_lazy as _

from debt.models import DebtorType, LoanStatus, RateType
from debt.registry_selectors import (
    MUNICIPALITIES,
    STATE_GOVERNMENT,
    debtor_kind_choices,
)

ALL = "todos"


class LoanFilter(django_filters.FilterSet):
    """?acreedor=&situacion=&tasa=; loans in force unless another situation is chosen."""

    acreedor = django_filters.ChoiceFilter(
        field_name="creditor", label=_("Acreedor"), empty_label=_("Todos")
    )
    situacion = django_filters.ChoiceFilter(
        method="filter_status",
        label=_("Situación"),
        empty_label=None,
        choices=[*LoanStatus.choices, (ALL, _("Todas"))],
    )
    tasa = django_filters.ChoiceFilter(
        field_name="rate_type",
        label=_("Tipo de tasa"),
        empty_label=_("Todas"),
        choices=RateType.choices,
    )

    def __init__(self, data=None, *args, creditors=(), **kwargs):
        data = data.copy() if data is not None else {}
        data.setdefault("situacion", LoanStatus.IN_FORCE)
        super().__init__(data, *args, **kwargs)
        self.filters["acreedor"].extra["choices"] = [(name, name) for name in creditors]

    def filter_status(self, queryset, name, value):
        return queryset if value == ALL else queryset.filter(status=value)


class RegistryLoanFilter(django_filters.FilterSet):
    """?tipo=&deudor=: the registry loans of one kind of debtor, or of one debtor."""

    tipo = django_filters.ChoiceFilter(
        method="filter_kind", label=_("Tipo de deudor"), empty_label=_("Todos")
    )
    deudor = django_filters.ChoiceFilter(
        field_name="debtor", label=_("Deudor"), empty_label=_("Todos")
    )

    def __init__(self, data=None, *args, debtors=(), **kwargs):
        super().__init__(data, *args, **kwargs)
        # A value that is not a choice is a form error, and the filter is then left out:
        # an old or mistyped link shows every loan instead of failing.
        self.filters["tipo"].extra["choices"] = debtor_kind_choices()
        self.filters["deudor"].extra["choices"] = list(debtors)

    def filter_kind(self, queryset, name, value):
        municipal = [DebtorType.MUNICIPALITY, DebtorType.MUNICIPAL_BODY]
        if value == STATE_GOVERNMENT:
            return queryset.filter(debtor_type=DebtorType.STATE_GOVERNMENT)
        if value == MUNICIPALITIES:
            return queryset.filter(debtor_type__in=municipal)
        return queryset.exclude(debtor_type__in=[DebtorType.STATE_GOVERNMENT, *municipal])
