"""The public frame in a real browser: phone and desktop widths, keyboard, no JavaScript, axe."""

import pytest

from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    horizontal_overflow,
    save_screenshot,
    serious_violations,
)
from tests.portal.test_urls import BROWSER_URLS, concrete, first_page_of_each_view
from tests.sweeps import once_then_sweep, sweep

pytestmark = pytest.mark.browser

HTML_PAGES = BROWSER_URLS


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "1280px"])
def test_home_page_fits_the_screen_and_shows_the_three_modules(live_portal, open_page, viewport):
    page = open_page(viewport)
    page.goto(live_portal.url + "/")

    assert page.locator("h1").inner_text() == "Sigue el dinero público de tu estado"
    for module in ("Deuda pública", "Compromisos", "Estados"):
        assert page.get_by_role("link", name=module).first.is_visible()
    assert horizontal_overflow(page) == 0
    save_screenshot(page, f"home-{viewport['width']}")


# The first page of each view (template) is checked in `make test`; the view's other pages
# differ from it in data, not in markup, and are checked by a sweep (tests/sweeps.py), as is
# the first page again with axe-core at 1280 px (axe-core is most of a browser check's cost,
# 0.2–1 s a page).
FIRST_PAGES = first_page_of_each_view(HTML_PAGES)


# One test per page, so the xdist workers share them out; axe-core, sideways scrolling and
# the hosts the page asks for are checked on the same load.
@pytest.mark.parametrize("url", once_then_sweep(HTML_PAGES, once=FIRST_PAGES))
def test_public_page_is_accessible_fits_the_screen_and_loads_only_from_our_host(
    live_portal, page_at_width, url
):
    page = page_at_width(PHONE)
    page.set_viewport_size(PHONE)
    requested = []

    def listen(request):
        requested.append(request.url)

    page.on("request", listen)
    found = {}
    try:
        page.goto(live_portal.url + concrete(url))
        found["violations at 360px"] = serious_violations(page)
        for viewport in (PHONE, DESKTOP):
            width = viewport["width"]
            page.set_viewport_size(viewport)
            found[f"scrolls sideways at {width}px"] = horizontal_overflow(page)
            name = url.strip("/").replace("/", "-").replace("{", "").replace("}", "") or "home"
            save_screenshot(page, f"{name}-{width}")
        found["other_hosts"] = [u for u in requested if not u.startswith(live_portal.url)]
    finally:
        page.remove_listener("request", listen)

    assert requested, f"{url}: the request listener saw nothing"
    assert not any(found.values()), {url: found}


@sweep
@pytest.mark.parametrize("url", FIRST_PAGES)
def test_first_page_of_each_view_is_accessible_at_1280_px(live_portal, page_at_width, url):
    page = page_at_width(DESKTOP)
    page.set_viewport_size(DESKTOP)
    page.goto(live_portal.url + concrete(url))

    assert serious_violations(page) == [], url


def test_skip_link_is_the_first_stop_and_is_visible_on_focus(live_portal, open_page):
    page = open_page(PHONE)
    page.goto(live_portal.url + "/")

    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Saltar al contenido"
    box = page.locator(".skip-link").bounding_box()
    assert box["y"] >= 0, "the focused skip link must be on screen"

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenido"


def test_pages_work_without_javascript(live_portal, open_page):
    page = open_page(PHONE, javascript=False)
    page.goto(live_portal.url + "/")
    page.get_by_role("link", name="Estados").first.click()
    # Until the next page's load event, what the assertions read may be the page before.
    page.wait_for_url(live_portal.url + "/estados/")

    assert page.get_by_role("table").get_by_role("link", name="Zacatecas").is_visible()

    page.get_by_role("link", name="English").click()
    page.wait_for_url(live_portal.url + "/en/estados/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Skip to content").count() == 1


def test_home_state_picker_works_without_javascript(live_portal, open_page):
    page = open_page(PHONE, javascript=False)
    page.goto(live_portal.url + "/")

    page.select_option("#picker-state", "zacatecas")
    page.get_by_role("button", name="Ver mi estado").click()
    page.wait_for_url(live_portal.url + "/estados/zacatecas/")

    assert page.get_by_role(
        "link", name="Ver el micrositio «Follow the Money»", exact=False
    ).count()


def test_comparison_page_draws_its_map_and_the_32_series(live_portal, open_page):
    page = open_page(PHONE)
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(live_portal.url + "/deuda/comparar/?medida=por-persona")
    page.locator('[data-figure="compare-map"]').scroll_into_view_if_needed()
    page.wait_for_selector('[data-figure="compare-map"][data-drawn="true"]', timeout=10_000)
    # Charts are drawn as they come into view.
    for item in page.locator(".small-multiples__item").all():
        item.scroll_into_view_if_needed()
    page.wait_for_selector('[data-figure="serie-32"][data-drawn="true"]', timeout=10_000)

    assert page.locator('.small-multiples__item [data-drawn="true"]').count() == 32
    assert errors == []
    save_screenshot(page, "deuda-comparar-drawn-360")


def test_comparison_page_without_javascript_keeps_its_tables(live_portal, open_page):
    page = open_page(PHONE, javascript=False)
    page.goto(live_portal.url + "/deuda/comparar/")

    assert page.locator(".small-multiples__item").first.is_hidden()
    assert page.get_by_role("link", name="Ciudad de México").first.is_visible()
    page.get_by_text("Ver los datos de la gráfica").click()
    assert page.locator(".data-table--wide").is_visible()
    assert horizontal_overflow(page) == 0


def test_the_accessibility_check_reports_what_it_should(open_page):
    """The checker every page test relies on finds a serious violation and a sideways scroll
    when there are some (so an empty result means a page has none)."""
    page = open_page(PHONE)
    page.set_content(
        '<html lang="es"><title>t</title><main><img src="x.png">'
        '<p style="color:#aaa;background:#fff">Texto tenue</p>'
        '<div style="width:2000px">ancho</div></main></html>'
    )

    found = {violation["id"] for violation in serious_violations(page)}
    assert {"image-alt", "color-contrast"} <= found
    # A second run on the same page reuses the injected script and finds the same.
    assert {violation["id"] for violation in serious_violations(page)} == found
    assert horizontal_overflow(page) > 0
