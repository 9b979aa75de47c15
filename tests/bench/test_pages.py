"""The benchmark counts every file a page makes a browser fetch, not only its HTML."""

from bench.pages import page_assets

PAGE = "http://127.0.0.1:8123/estados/"


def test_a_page_assets_are_its_scripts_styles_images_and_the_data_its_charts_name():
    html = b"""<link rel="stylesheet" href="/static/css/portal.css">
    <link rel="icon" href="/static/img/favicon.svg">
    <script src="/static/js/charts.js" defer></script>
    <script src="https://cdn.example.org/other.js"></script>
    <div class="chart__plot" data-figure="map"></div>
    <script type="application/json" id="map">{"geojson": "/estados/mapa.geojson"}</script>"""

    urls, has_chart = page_assets(PAGE, html)

    assert urls == [
        "http://127.0.0.1:8123/static/css/portal.css",
        "http://127.0.0.1:8123/static/img/favicon.svg",
        "http://127.0.0.1:8123/static/js/charts.js",
        "http://127.0.0.1:8123/estados/mapa.geojson",
    ]
    assert has_chart


def test_a_page_without_a_chart_says_so():
    assert page_assets(PAGE, b"<p>Hola</p>") == ([], False)
