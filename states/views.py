from django.views.generic import DetailView
from django_tables2 import SingleTableView

from portal.exports import CsvExportMixin
from states.models import State
from states.selectors import state_list
from states.tables import StateTable


class StateListView(CsvExportMixin, SingleTableView):
    table_class = StateTable
    template_name = "states/state_list.html"
    csv_filename = "estados"
    table_pagination = False

    def get_queryset(self):
        return state_list()


class StateDetailView(DetailView):
    model = State
    template_name = "states/state_detail.html"
    context_object_name = "state"
