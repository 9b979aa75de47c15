from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from core import catalogue
from core.datasets import published_datasets
from core.exports import FORMATS, dataset_response
from core.models import Source
from core.registries import (
    all_downloads,
    headline_figures,
    home_sections_shown,
    programme_sections_shown,
)

# The INAI presentation that describes Follow the Money as a programme (seed 003).
PROGRAMME_SOURCE_KEY = "inai-pida-2018"


class HomeView(TemplateView):
    """The home page: what the apps register (a state picker, headline figures), then prose."""

    template_name = "portal/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sections=home_sections_shown(), figures=headline_figures(), **kwargs
        )


class AboutView(TemplateView):
    template_name = "portal/about.html"


class ProgrammeView(TemplateView):
    """Follow the Money as a programme: aim, theory of change, findings, strands, tools."""

    template_name = "portal/programme.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            source=Source.objects.filter(key=PROGRAMME_SOURCE_KEY).first(),
            sections=programme_sections_shown(),
            **kwargs,
        )


class OpenDataView(TemplateView):
    """/datos/: every published dataset, from the registry, and the feeds."""

    template_name = "portal/open_data.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            datasets=catalogue.catalogue_entries(),
            feeds=catalogue.feeds(all_downloads()),
            formats=FORMATS.values(),
            **kwargs,
        )


def _dataset_or_404(key):
    dataset = published_datasets.get(key)
    if dataset is None:
        raise Http404(_("No publicamos un conjunto de datos con esa clave."))
    return dataset


def dataset_page(request, key):
    """One dataset: what it is, coverage, freshness, licence, sources, files, dictionary."""
    dataset = _dataset_or_404(key)
    return render(request, "portal/dataset.html", catalogue.dataset_context(dataset))


def dataset_download(request, key, file_format):
    """A dataset's rows with the filters in the query, in one format; 400 naming bad filters."""
    dataset = _dataset_or_404(key)
    filters, errors = dataset.clean_filters(request.GET)
    if filters is None:
        lines = [f"{name}: {' '.join(messages)}" for name, messages in errors.items()]
        message = _("Filtros no válidos en la dirección:") + "\n" + "\n".join(lines) + "\n"
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    return dataset_response(request, dataset, file_format, filters)


def datapackage(request):
    """/datos/datapackage.json: a Frictionless Data Package, a Table Schema per resource."""
    return JsonResponse(
        catalogue.data_package(request), json_dumps_params={"ensure_ascii": False, "indent": 1}
    )


def dcat_catalogue(request):
    """/datos/catalogo.json: a DCAT-AP catalogue in JSON-LD for national portals' harvesters."""
    return JsonResponse(
        catalogue.dcat(request),
        content_type="application/ld+json",
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )


@never_cache
def health(request):
    """Answer 200 when the database answers, 503 otherwise (Docker's HEALTHCHECK)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without a request context: the failure may be in a context
    # processor or the database, so the template must not need either.
    return render(request, "500.html", status=500)
