import django_filters
from django.utils.translation import gettext_lazy as _

from debt.models import LoanStatus, RateType

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
