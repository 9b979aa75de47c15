from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import check_for_language

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
    """Serve Spanish (es-MX) unless the visitor chose another language with the switcher.

    Django's LocaleMiddleware would follow the browser's Accept-Language, but the
    portal's data (commitments, reports, sources) exists only in Spanish, so an
    English browser would get a mixed page it never asked for.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen and check_for_language(chosen) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        # The language comes from a cookie, so caches must keep one copy per cookie.
        patch_vary_headers(response, ("Cookie",))
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
