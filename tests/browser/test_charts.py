"""charts.js draws a figure embedded with json_script, using our own Plotly bundle."""

import pytest
from django.http import HttpResponse
from django.template import engines
from django.urls import path

from portal import urls as portal_urls
from tests.browser.conftest import PHONE, save_screenshot

pytestmark = pytest.mark.browser

CHART_PAGE = """{% extends "base.html" %}
{% block content %}
<h1>Gráfica de prueba</h1>
{% include "includes/_chart.html" with figure=figure figure_id="test-figure" label="Deuda" %}
<table class="data-table"><caption>Datos</caption>
<tr><th scope="col">Año</th><th scope="col">Monto</th></tr>
<tr><td>2016</td><td>7,698.6</td></tr></table>
{% endblock content %}
{% block extra_js %}{% include "includes/_chart_scripts.html" %}{% endblock extra_js %}
"""
FIGURE = {
    "data": [{"type": "bar", "x": ["2015", "2016"], "y": [7500.1, 7698.6], "name": "Deuda"}],
    "layout": {
        "title": {"text": "Deuda de prueba"},
        "height": 320,
        "yaxis": {"tickformat": ",.1f"},
    },
}


# The same chart below three screens of something, as on a long page (sized by attributes:
# the Content-Security-Policy refuses style attributes).
FAR_CHART_PAGE = CHART_PAGE.replace(
    "<h1>Gráfica de prueba</h1>",
    '<h1>Gráfica de prueba</h1><svg width="10" height="3000" aria-hidden="true"></svg>',
)


def chart_page(request):
    template = engines["django"].from_string(CHART_PAGE)
    return HttpResponse(template.render({"figure": FIGURE}, request))


def far_chart_page(request):
    template = engines["django"].from_string(FAR_CHART_PAGE)
    return HttpResponse(template.render({"figure": FIGURE}, request))


urlpatterns = [
    path("_prueba/grafica/", chart_page),
    path("_prueba/grafica-lejos/", far_chart_page),
    *portal_urls.urlpatterns,
]


def test_charts_script_draws_the_embedded_figure(live_portal, settings, open_page):
    settings.ROOT_URLCONF = __name__
    page = open_page(PHONE)
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(live_portal.url + "/_prueba/grafica/")
    page.wait_for_selector('[data-figure="test-figure"][data-drawn="true"]', timeout=10_000)

    assert page.locator('[data-figure="test-figure"] svg.main-svg').count() >= 1
    assert page.locator('[data-figure="test-figure"] .bars .point').count() == 2
    # Numbers as written in Mexico: comma thousands, point decimals.
    y_ticks = page.locator('[data-figure="test-figure"] .ytick text').all_text_contents()
    assert "8,000.0" in y_ticks
    assert errors == [], "no console errors and no Content-Security-Policy violations"
    save_screenshot(page, "chart-test-360")


def test_plotly_loads_only_when_the_chart_nears_the_viewport_and_nothing_moves(
    live_portal, settings, open_page
):
    settings.ROOT_URLCONF = __name__
    page = open_page(PHONE)
    requested = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto(live_portal.url + "/_prueba/grafica-lejos/")
    page.wait_for_load_state("load")
    chart = page.locator('[data-figure="test-figure"]')

    def plotly_scripts():
        return [url for url in requested if "plotly" in url and url.endswith(".js")]

    assert not plotly_scripts()
    assert page.evaluate("window.scrollY") == 0  # the chart is far below
    assert chart.evaluate("node => node.getBoundingClientRect().height") == 320  # reserved
    top_before = chart.evaluate("node => node.getBoundingClientRect().top + window.scrollY")
    chart.scroll_into_view_if_needed()
    page.wait_for_selector('[data-figure="test-figure"][data-drawn="true"]', timeout=10_000)
    assert plotly_scripts()
    assert chart.evaluate("node => node.getBoundingClientRect().height") == 320
    drawing = chart.locator("svg.main-svg").first
    assert drawing.evaluate("node => node.getBoundingClientRect().height") == 320  # drawn
    # Laid over the reserved space, not under it.
    assert drawing.evaluate("node => node.getBoundingClientRect().top + window.scrollY") == (
        top_before
    )


def test_plotly_is_fetched_ahead_and_the_chart_drawn_only_when_it_enters_the_screen(
    live_portal, settings, open_page
):
    settings.ROOT_URLCONF = __name__
    page = open_page(PHONE)
    page.goto(live_portal.url + "/_prueba/grafica-lejos/")
    chart = page.locator('[data-figure="test-figure"]')
    # The chart's top 100 px below the screen's bottom: near (200 px), not yet in sight.
    page.evaluate(
        """(chart) => window.scrollTo(0, chart.getBoundingClientRect().top + window.scrollY
                                        - window.innerHeight - 100)""",
        chart.element_handle(),
    )
    page.wait_for_function("() => window.PlotlyReady !== undefined", timeout=10_000)
    # Plotly ready, and a few tasks later (charts.js draws one chart per task) still not drawn.
    page.evaluate(
        "() => window.PlotlyReady.then(() => new Promise((done) => setTimeout(done, 200)))"
    )
    assert page.evaluate("() => typeof window.Plotly.newPlot") == "function"
    assert chart.get_attribute("data-drawn") is None

    page.mouse.wheel(0, 300)
    page.wait_for_selector('[data-figure="test-figure"][data-drawn="true"]', timeout=10_000)


STAGED_LOAD = """
(url) => new Promise((done) => {
  let tasks = 0;
  const setTimeoutBefore = window.setTimeout;
  window.setTimeout = (callback, delay) => { tasks += 1; return setTimeoutBefore(callback, delay); };
  const script = document.createElement("script");
  script.src = url;
  script.onload = () => {
    const afterTheScript = typeof window.Plotly;
    if (!window.PlotlyReady) return done({ afterTheScript, tasks, ready: "no PlotlyReady" });
    window.PlotlyReady.then((plotly) => done({
      afterTheScript, tasks, ready: typeof plotly.newPlot, same: plotly === window.Plotly,
    }));
  };
  document.head.appendChild(script);
})
"""


def test_the_bundle_runs_its_modules_in_later_tasks_and_then_says_it_is_ready(
    live_portal, settings, open_page
):
    """Running all of Plotly at once was one long task (≈0.7 s on a phone, Lighthouse's
    slowest): the bundle runs its modules a few at a time (tools/plotly-bundle/build.js)."""
    settings.ROOT_URLCONF = __name__
    page = open_page(PHONE)
    page.goto(live_portal.url + "/_prueba/grafica-lejos/")  # the chart is far: no Plotly yet
    url = page.locator("script[data-plotly]").get_attribute("data-plotly")

    loaded = page.evaluate(STAGED_LOAD, live_portal.url + url)

    assert loaded["afterTheScript"] == "undefined"  # nothing of Plotly ran in the script's task
    assert loaded["tasks"] >= 10
    assert loaded["ready"] == "function"
    assert loaded["same"]


def test_chart_stays_hidden_without_javascript(live_portal, settings, open_page):
    settings.ROOT_URLCONF = __name__
    page = open_page(PHONE, javascript=False)
    page.goto(live_portal.url + "/_prueba/grafica/")

    assert page.locator('[data-figure="test-figure"]').is_hidden()
    assert page.get_by_role("table").is_visible()


LEGEND_CLEARS_THE_AXIS = """
() => {
  const plot = document.querySelector('[data-figure="debt-history"] .js-plotly-plot, [data-figure="debt-history"].js-plotly-plot');
  const ticks = [...document.querySelectorAll('[data-figure="debt-history"] .xaxislayer-above .xtick text')];
  const legend = document.querySelector('[data-figure="debt-history"] .legend');
  if (!plot || !ticks.length || !legend) { return false; }
  const axisBottom = Math.max(...ticks.map((tick) => tick.getBoundingClientRect().bottom));
  return axisBottom <= legend.getBoundingClientRect().top;
}
"""


def test_a_chart_drawn_on_a_phone_is_drawn_again_when_the_window_widens(live_portal, open_page):
    """Plotly's own resize kept the legend's margin from the phone's width, and at 1280 px the
    legend covered the years of the axis: the chart is drawn again for the new width."""
    from tests.browser.conftest import DESKTOP

    page = open_page(PHONE)
    page.goto(live_portal.url + "/deuda/zacatecas/historica/")
    page.locator('[data-figure="debt-history"]').scroll_into_view_if_needed()
    page.wait_for_selector('[data-figure="debt-history"][data-drawn="true"]', timeout=10_000)
    assert page.evaluate(LEGEND_CLEARS_THE_AXIS)

    page.set_viewport_size(DESKTOP)
    page.wait_for_timeout(600)  # the redraw waits 150 ms for the window to stop changing

    assert page.evaluate(LEGEND_CLEARS_THE_AXIS)
    save_screenshot(page, "deuda-zacatecas-historica-widened-1280")
