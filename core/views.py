from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

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
    template_name = "portal/open_data.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(datasets=all_downloads(), **kwargs)


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
