from django.conf import settings
from django.utils import translation

from core.views import health

HEALTH_PATH = "/salud/"


class HealthCheckMiddleware:
    """Answer /salud/ before host validation and the HTTPS redirect.

    The container's HEALTHCHECK calls http://127.0.0.1:8000/salud/, a host that
    production's ALLOWED_HOSTS rightly does not list.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == HEALTH_PATH:
            return health(request)
        return self.get_response(request)


class PublicLanguageMiddleware:
    """Serve Spanish (es-MX) at /…, and English at /en/… when the reader follows the switcher.

    The language is part of the URL, not a cookie nor the browser's Accept-Language: each URL
    has exactly one language, so pages carry no cookie and no `Vary`, and a shared cache or CDN
    keeps one copy per URL. (Accept-Language is ignored because the portal's data —
    commitments, reports, sources— exists only in Spanish: an English browser would get a mixed
    page it never asked for.)
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Activated before URL resolution: i18n_patterns match the active language's prefix.
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response


# Features no page of the portal uses, denied to it and to anything it embeds.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "camera",
        "microphone",
        "geolocation",
        "payment",
        "usb",
        "interest-cohort",
        "browsing-topics",
    )
)


class PermissionsPolicyMiddleware:
    """Send a Permissions-Policy header that denies powerful browser features on every page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
