"""The generated Informe Ciudadano in a real browser: states with staff text (Zacatecas), with
little debt and few data (Tlaxcala), a large one (Nuevo León) and one INEGI publishes apart
(Ciudad de México), on a phone and a desktop, checked by axe-core."""

import pytest

from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    horizontal_overflow,
    save_screenshot,
    serious_violations,
)

pytestmark = pytest.mark.browser

STATES = ["zacatecas", "tlaxcala", "nuevo-leon", "ciudad-de-mexico"]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "1280px"])
def test_citizen_reports_fit_the_screen_and_are_accessible(live_portal, open_page, viewport):
    page = open_page(viewport)
    problems = {}
    for slug in STATES:
        page.goto(f"{live_portal.url}/deuda/{slug}/informe-ciudadano/")
        assert page.get_by_role("heading", name="¿Cómo se paga?").is_visible()
        found = {
            "violations": serious_violations(page),
            "scrolls_sideways_px": horizontal_overflow(page),
        }
        if any(found.values()):
            problems[slug] = found
        save_screenshot(page, f"informe-ciudadano-{slug}-{viewport['width']}")

    assert problems == {}


def test_debt_service_table_reads_as_cards_on_a_phone(live_portal, open_page):
    page = open_page(PHONE)
    page.goto(f"{live_portal.url}/deuda/zacatecas/informe-ciudadano/")

    table = page.locator(".data-table--stack")
    box = table.bounding_box()
    assert box["width"] <= PHONE["width"]
    first_cell = table.locator("tbody tr").first.locator("td").nth(1)
    label = first_cell.evaluate("cell => getComputedStyle(cell, '::before').content")
    assert "Servicio de la deuda" in label
