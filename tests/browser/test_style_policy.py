"""Charts draw under a style policy without 'unsafe-inline': plotly.js's rules come from
static/vendor/plotly/plotly.css, colours from the database are SVG fills, and the browser
reports no Content-Security-Policy violation."""

import pytest

from tests.browser.conftest import DESKTOP

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
