"""Charts draw under a style policy without 'unsafe-inline': plotly.js's rules come from
static/vendor/plotly/plotly.css, colours from the database are SVG fills, and the browser
reports no Content-Security-Policy violation."""

import pytest

from tests.browser.conftest import DESKTOP, PHONE, save_screenshot

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} ${event.sourceFile}:${event.lineNumber}`);
});
"""


@pytest.mark.parametrize(
    "path, charts",
    [
        ("/estados/", 1),  # the stage map, its legend and the table's swatches
        ("/deuda/zacatecas/historica/", 1),
    ],
)
def test_charts_draw_with_no_inline_style_allowed(live_portal, open_page, path, charts):
    page = open_page(DESKTOP)
    page.add_init_script(RECORD_VIOLATIONS)

    response = page.goto(live_portal.url + path)
    page.wait_for_selector('[data-drawn="true"]', timeout=10_000)
    # Hovering makes plotly.js draw a label and style it: that must pass the policy too.
    page.locator(".js-plotly-plot").first.hover(timeout=5_000)

    policy = response.headers["content-security-policy"]
    style_src = next(part for part in policy.split(";") if "style-src" in part)
    assert style_src.split() == ["style-src", "'self'"]
    assert page.locator('[data-drawn="true"] svg.main-svg').count() >= charts
    # plotly.css is what stacks the chart's layers; without it they would fall apart.
    position = page.evaluate(
        "getComputedStyle(document.querySelector('.js-plotly-plot .main-svg')).position"
    )
    assert position == "absolute"
    assert page.evaluate("window.cspViolations") == []


RECORD_LAYOUT_SHIFTS = """
window.layoutShift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) { window.layoutShift += entry.value; }
}).observe({ type: "layout-shift", buffered: true });
"""
RESERVED_HEIGHTS = """
() => Object.fromEntries([...document.querySelectorAll("[data-figure]")].map(
  (node) => [node.dataset.figure, node.getBoundingClientRect().height]))
"""
DRAWN_HEIGHTS = """
() => Object.fromEntries([...document.querySelectorAll('[data-drawn="true"]')].map(
  (node) => [node.dataset.figure, node.querySelector("svg.main-svg").getBoundingClientRect().height]))
"""


@pytest.mark.parametrize("viewport, name", [(PHONE, "360"), (DESKTOP, "1280")])
def test_charts_draw_at_the_height_reserved_for_them_and_nothing_moves(
    live_portal, open_page, viewport, name
):
    """The map and the small multiples: each chart's height is reserved by an SVG's attributes
    (no style attribute) before Plotly is even loaded, and the drawing fills exactly that."""
    page = open_page(viewport)
    page.add_init_script(RECORD_VIOLATIONS + RECORD_LAYOUT_SHIFTS)
    page.goto(live_portal.url + "/deuda/comparar/")
    page.wait_for_load_state("load")
    reserved = page.evaluate(RESERVED_HEIGHTS)

    page.locator(".small-multiples").scroll_into_view_if_needed()
    page.wait_for_selector('.small-multiples [data-drawn="true"]', timeout=10_000)
    page.locator('[data-figure="compare-map"]').scroll_into_view_if_needed()
    page.wait_for_selector('[data-figure="compare-map"][data-drawn="true"]', timeout=10_000)
    drawn = page.evaluate(DRAWN_HEIGHTS)

    assert len(reserved) == 33  # the map and one chart per state
    assert all(height > 0 for height in reserved.values())
    assert "compare-map" in drawn and len(drawn) > 1
    for figure_id, height in drawn.items():
        assert abs(height - reserved[figure_id]) < 1, figure_id
    assert page.evaluate("window.layoutShift") == 0
    assert page.evaluate("window.cspViolations") == []
    save_screenshot(page, f"compare-charts-{name}")
