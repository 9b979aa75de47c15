import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from states.models import ProgressStatus, YesNoUnknown


class NationalProgressFilter(django_filters.FilterSet):
    """Filters of the national table, as GET parameters in Spanish: ?grupo=&etapa=&hito=."""

    grupo = django_filters.ChoiceFilter(
        field_name="group", label=_("Grupo"), empty_label=_("Todos los grupos")
    )
    etapa = django_filters.ModelChoiceFilter(
        field_name="status",
        to_field_name="slug",
        queryset=ProgressStatus.objects.all(),
        label=_("Etapa"),
        empty_label=_("Todas las etapas"),
    )
    hito = django_filters.ChoiceFilter(
        method="filter_milestone_reached",
        label=_("Hito alcanzado"),
        empty_label=_("Cualquiera"),
    )

    def __init__(self, *args, groups=(), kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["grupo"].extra["choices"] = [(group, group) for group in groups]
        self.filters["hito"].extra["choices"] = [(kind.code, kind.name) for kind in kinds]
        for name in self.form.fields:
            self.form.fields[name].widget.attrs.setdefault("class", "filter-select")

    def filter_milestone_reached(self, queryset, name, value):
        return queryset.filter(milestones__kind__code=value, milestones__value=YesNoUnknown.YES)


class ReportChoiceForm(forms.Form):
    """Which national report to show (?reporte=2016-09)."""

    reporte = forms.ChoiceField(label=_("Reporte"), required=False)

    def __init__(self, *args, reports=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reporte"].choices = [(report.code, report.title) for report in reports]


class ReportQueryForm(forms.Form):
    """The national page's ?reporte= and ?comparar= codes; an invalid one (a NUL byte, a
    novel-length string) is ignored, so the page falls back to its default report."""

    reporte = forms.CharField(required=False, max_length=40)
    comparar = forms.CharField(required=False, max_length=40)

    def code(self, name: str) -> str | None:
        self.is_valid()
        return self.cleaned_data.get(name) or None


class StatePickerForm(forms.Form):
    """The home page's state picker (?estado=<slug>)."""

    estado = forms.SlugField(required=False, max_length=60)
