import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from states.models import State


class StateTable(tables.Table):
    """Columns of the state list, shared by the page and its CSV."""

    cve_ent = tables.Column(verbose_name=_("Clave INEGI"))
    name = tables.Column(verbose_name=_("Estado"), linkify=True)
    short_name = tables.Column(verbose_name=_("Abreviatura"))

    class Meta:
        model = State
        fields = ["cve_ent", "name", "short_name"]
        orderable = False
        attrs = {"class": "data-table"}
