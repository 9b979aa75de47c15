from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from core import views
from core.api import api
from core.media import media_file

admin.site.site_header = _("Sigue el Dinero: administración")
admin.site.site_title = _("Sigue el Dinero")
admin.site.index_title = _("Datos del portal")

# Spanish at /…, English at /en/… (core.middleware.PublicLanguageMiddleware): one language per
# URL, so caches keep one copy per URL.
urlpatterns = [
    # Answered by core.middleware.HealthCheckMiddleware before host checks; listed for reverse().
    path("salud/", views.health, name="health"),
    # Data for machines, in one language whatever the reader's: the API and uploaded files.
    path("api/", api.urls),
    # Evidence files and citizen-report PDFs (MEDIA_URL): only those of published objects.
    path("media/<path:name>", media_file, name="media-file"),
    *i18n_patterns(
        path("", views.HomeView.as_view(), name="home"),
        path("acerca/", views.AboutView.as_view(), name="about"),
        path("programa/", views.ProgrammeView.as_view(), name="programme"),
        path("datos/", include("core.urls")),
        path("estados/", include("states.urls")),
        path("deuda/", include("debt.urls")),
        path("compromisos/", include("commitments.urls")),
        path(settings.ADMIN_URL, admin.site.urls),
        prefix_default_language=False,
    ),
]

handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
