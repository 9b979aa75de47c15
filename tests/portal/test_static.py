from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders

PLOTLY_BUNDLE = "vendor/plotly/plotly-partial.min.js"


def test_plotly_is_served_from_our_static_files_as_a_partial_bundle():
    path = Path(finders.find(PLOTLY_BUNDLE))
    source = path.read_text(encoding="utf-8")

    # The full bundle is 4.8 MB; ours carries only the traces we draw (no pie: no chart has one).
    assert path.stat().st_size < 1_300_000
    for trace in ("scatter", "bar", "choropleth"):
        assert f'name:"{trace}",basePlotModule' in source, trace
    assert 'name:"pie",basePlotModule' not in source


def test_charts_script_draws_embedded_json_figures():
    source = Path(finders.find("js/charts.js")).read_text(encoding="utf-8")

    assert "Plotly.newPlot" in source
    assert "[data-figure]" in source


def test_production_storage_compresses_and_hashes_static_files():
    from portal.settings import base

    assert base.STORAGES["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in settings.MIDDLEWARE
