"""Every public page answers 200 inside the base frame (skip link, nav, main, footer)."""

from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

PUBLIC_URLS = [
    "/",
    "/acerca/",
    "/datos/",
    "/datos/deuda-historica/",
    "/datos/avance-nacional/",
    "/programa/",
    "/estados/",
    "/estados/?reporte=2016-09",
    "/estados/?formato=csv",
    "/estados/zacatecas/",
    "/estados/sonora/",
    "/deuda/",
    "/deuda/?orden=-per_person",
    "/deuda/?formato=csv",
    "/deuda/comparar/",
    "/deuda/comparar/?medida=real&base=2010",
    "/deuda/comparar/?medida=por-persona",
    "/deuda/comparar/?medida=pib",
    "/deuda/comparar/?medida=deuda-ild",
    "/deuda/comparar/?medida=servicio-ild",
    "/deuda/comparar/?medida=servicio-ild&formato=csv",
    "/deuda/zacatecas/",
    "/deuda/zacatecas/historica/",
    "/deuda/zacatecas/historica/?medida=real",
    "/deuda/zacatecas/actual/",
    "/deuda/zacatecas/actual/documentados/",
    "/deuda/zacatecas/actual/{loan}/",
    "/deuda/zacatecas/informe-ciudadano/",
    # A large state (102 loans in the RPU, paginated) and a small one (not measured by the
    # Sistema de Alertas), without staff text.
    "/deuda/nuevo-leon/",
    "/deuda/nuevo-leon/historica/?medida=pib",
    "/deuda/nuevo-leon/actual/",
    "/deuda/nuevo-leon/actual/?tipo=municipios&pagina=2",
    "/deuda/tlaxcala/",
    "/deuda/tlaxcala/historica/",
    "/deuda/tlaxcala/actual/",
    "/compromisos/",
    "/compromisos/?q=emprestito",
    "/compromisos/zacatecas/",
    "/compromisos/zacatecas/1-pal/",
    "/compromisos/evaluacion/",
    "/compromisos/zacatecas/1-pal/evaluacion/",
    "/compromisos/durango/pal/evaluacion/",
    "/compromisos/zacatecas/1-pal/{commitment}/",
]
# The same pages with other query values (another measure, order or report) render the same
# templates: the browser checks (axe-core, 360 px) visit one of each; the tests above and the
# query fuzzer visit them all.
SAME_PAGE_VARIANTS = {
    "/datos/avance-nacional/",
    "/estados/?reporte=2016-09",
    "/deuda/?orden=-per_person",
    "/deuda/comparar/?medida=por-persona",
    "/deuda/comparar/?medida=pib",
    "/deuda/comparar/?medida=deuda-ild",
    "/compromisos/?q=emprestito",
}
BROWSER_URLS = [
    url for url in PUBLIC_URLS if "formato=csv" not in url and url not in SAME_PAGE_VARIANTS
]


def first_page_of_each_view(urls):
    """The first of `urls` that each view answers (a CSV download counts as a view of its own):
    the other pages of a view differ from it in data, not in code or markup."""
    from django.urls import resolve

    first = {}
    for url in urls:
        path = url.split("?")[0].replace("{loan}", "1").replace("{commitment}", "1")
        first.setdefault((resolve(path).view_name, "formato=csv" in url), url)
    return [url for url in urls if url in first.values()]


FRAME_MARKERS = [
    '<a class="skip-link" href="#contenido">',
    '<main id="contenido"',
    '<nav class="site-nav"',
    '<footer class="site-footer">',
    'lang="es-mx"',
]


def concrete(url: str) -> str:
    """Fill in database ids ({loan}, {commitment}): they differ between test runs."""
    if "{" not in url:
        return url
    from commitments.models import Commitment
    from debt.models import Loan

    return url.format(
        loan=Loan.objects.filter(state__cve_ent="32").order_by("signed_on").first().pk,
        commitment=Commitment.objects.get(
            plan__state__cve_ent="32", plan__slug="1-pal", number=1
        ).pk,
    )


# Named routes that are not HTML pages of the public frame.
NOT_FRAMED = {
    "health",
    "set_language",
    "geojson",
    "feed",
    "state-feed",
    "plan-feed",
    "go-to-state",  # the home page's state picker: a redirect (tests/debt/test_national_pages.py)
    # Open-data files (tests/core/test_open_data.py).
    "open-data-download",
    "open-data-datapackage",
    "open-data-dcat",
    "media-file",  # uploaded files, not pages (tests/core/test_media.py)
}


POWERFUL_FEATURES = ("camera", "microphone", "geolocation", "payment", "usb")


class InlineStyleFinder(HTMLParser):
    """Every style attribute and <style> element of a page, as `<tag style>` or `<style>`."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag == "style":
            self.found.append("<style>")
        self.found.extend(f"<{tag} style={value!r}>" for name, value in attrs if name == "style")


def inline_styles(html):
    finder = InlineStyleFinder()
    finder.feed(html)
    finder.close()
    return finder.found


def assert_denies_powerful_browser_features(response, url):
    policy = response.headers["Permissions-Policy"]
    for feature in POWERFUL_FEATURES:
        assert f"{feature}=()" in policy, url
    assert "browsing-topics=()" in policy, url


# One request per page for the frame, the scripts and the headers: rendering every public
# page costs seconds, so the checks share it (each with its own message).
@pytest.mark.parametrize("url", [u for u in PUBLIC_URLS if "formato=csv" not in u])
def test_public_page_answers_in_base_frame_without_inline_script_style_powerful_features_or_cookie(
    client, shipped_data, url
):
    response = client.get(concrete(url))

    assert response.status_code == 200
    html = response.content.decode()
    for marker in FRAME_MARKERS:
        assert marker in html, f"{url} lacks {marker!r}"
    # The Content-Security-Policy allows no inline script: only src= and JSON data blocks.
    for chunk in html.split("<script")[1:]:
        opening_tag = chunk.split(">", 1)[0]
        assert "src=" in opening_tag or 'type="application/json"' in opening_tag, (
            f"{url} has an inline script: <script{opening_tag}>"
        )
    # Nor any inline style (style-src 'self'): a chart's height is reserved by an SVG's
    # attributes (includes/_chart_space.html), not by a style attribute.
    assert inline_styles(html) == [], f"{url} has inline styles"
    assert_denies_powerful_browser_features(response, url)
    # No cookie and no Vary: Cookie, so a shared cache or CDN can keep one copy per URL.
    assert not response.cookies, f"{url} sets {list(response.cookies)}"
    assert "Cookie" not in response.headers.get("Vary", ""), url


@pytest.mark.parametrize("url", [u for u in PUBLIC_URLS if "formato=csv" in u])
def test_csv_downloads_deny_powerful_browser_features(client, shipped_data, url):
    response = client.get(url)

    assert response.status_code == 200
    assert_denies_powerful_browser_features(response, url)


def _named_public_routes(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            # The admin, and the JSON API (not HTML pages: tests/api covers every route).
            if route.startswith((settings.ADMIN_URL, "api/")):
                continue
            yield from _named_public_routes(pattern, route)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield route, pattern.name


def test_smoke_list_covers_every_public_route():
    """A new public page must be added to PUBLIC_URLS, so the smoke test sees it."""
    covered = {
        url.split("?")[0].replace("{loan}", "1").replace("{commitment}", "1") for url in PUBLIC_URLS
    }
    for route, name in _named_public_routes():
        if name in NOT_FRAMED:
            continue
        sample = "/" + route.replace("<slug:slug>", "zacatecas").replace(
            "<slug:state>", "zacatecas"
        ).replace("<int:pk>", "1").replace("<slug:plan>", "1-pal").replace(
            "<slug:key>", "deuda-historica"
        )
        assert sample in covered, f"route {route!r} ({name}) is not in PUBLIC_URLS"


def test_unknown_page_shows_spanish_404_in_frame(client, db):
    response = client.get("/no-existe/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "No encontramos esta página" in html
    assert '<main id="contenido"' in html


def test_server_error_page_renders_in_frame(rf):
    from core.views import server_error

    response = server_error(rf.get("/"))

    assert response.status_code == 500
    html = response.content.decode()
    assert "Algo salió mal de nuestro lado" in html
    assert '<nav class="site-nav"' in html


def test_nav_marks_the_current_section(client, shipped_data):
    html = client.get("/estados/").content.decode()

    assert '<a href="/estados/" aria-current="page">' in html
    assert '<a href="/deuda/" aria-current="page">' not in html


def test_pages_set_a_strict_content_security_policy(client, db):
    policy = client.get("/").headers["Content-Security-Policy"]

    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
