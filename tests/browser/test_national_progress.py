"""The national map in a real browser: drawn from our GeoJSON, nothing from other hosts."""

import pytest

from tests.browser.conftest import DESKTOP, PHONE, horizontal_overflow, save_screenshot

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "1280px"])
def test_map_draws_every_state_without_other_hosts(live_portal, open_page, viewport):
    page = open_page(viewport)
    requested, errors = [], []
    page.on("request", lambda request: requested.append(request.url))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))

    page.goto(live_portal.url + "/estados/?reporte=2016-09")
    page.locator('[data-figure="stage-map"]').scroll_into_view_if_needed()
    page.wait_for_selector('[data-figure="stage-map"][data-drawn="true"]', timeout=15_000)

    assert page.locator('[data-figure="stage-map"] .choroplethlocation').count() == 32
    assert [url for url in requested if not url.startswith(live_portal.url)] == []
    assert errors == []
    assert horizontal_overflow(page) == 0
    save_screenshot(page, f"estados-mapa-{viewport['width']}")


def test_without_javascript_the_table_is_the_map(live_portal, open_page):
    page = open_page(PHONE, javascript=False)
    page.goto(live_portal.url + "/estados/?reporte=2016-09")

    assert page.locator('[data-figure="stage-map"]').is_hidden()
    assert page.get_by_role("table").get_by_role("link", name="Zacatecas").is_visible()
    page.select_option("#id_etapa", "sensibilizacion")
    page.get_by_role("button", name="Mostrar").click()
    # Until the next page's load event, the rows counted may be the page before's.
    page.wait_for_url("**/estados/?*etapa=sensibilizacion*")
    assert page.locator("table.data-table tbody tr").count() == 5
