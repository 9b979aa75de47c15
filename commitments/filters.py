import django_filters
from django.utils.translation import gettext_lazy as _

from commitments.models import ActionPlan, CommitmentStatus
from states.models import State


class CommitmentFilter(django_filters.FilterSet):
    """?estado=&plan=&estatus=&tema=&dinero=&q= (q: full text, accents ignored)."""

    estado = django_filters.ModelChoiceFilter(
        field_name="plan__state",
        to_field_name="slug",
        queryset=State.objects.filter(action_plans__is_published=True).distinct().order_by("name"),
        label=_("Estado"),
        empty_label=_("Todos"),
    )
    plan = django_filters.ChoiceFilter(
        field_name="plan__name", label=_("Plan"), empty_label=_("Todos")
    )
    estatus = django_filters.ChoiceFilter(
        field_name="status",
        choices=CommitmentStatus.choices,
        label=_("Estatus"),
        empty_label=_("Todos"),
    )
    tema = django_filters.ChoiceFilter(field_name="theme", label=_("Tema"), empty_label=_("Todos"))
    dinero = django_filters.ChoiceFilter(
        method="filter_follows_the_money",
        choices=[("si", _("Sí")), ("no", _("No"))],
        label=_("Sigue el dinero"),
        empty_label=_("Todos"),
    )
    q = django_filters.CharFilter(method="filter_search", label=_("Buscar"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plans = ActionPlan.objects.published().values_list("name", flat=True).distinct()
        self.filters["plan"].extra["choices"] = [(name, name) for name in sorted(set(plans))]
        themes = self.queryset.exclude(theme="").values_list("theme", flat=True).distinct()
        self.filters["tema"].extra["choices"] = [(theme, theme) for theme in sorted(set(themes))]

    def filter_follows_the_money(self, queryset, name, value):
        return queryset.filter(follows_the_money=(value == "si"))

    def filter_search(self, queryset, name, value):
        from commitments.selectors import search

        return search(queryset, value)
