"""The national progress map: rows in, one validated choropleth trace per stage out."""

from types import SimpleNamespace

from states.charts import (
    NO_STATUS_COLOR,
    NOT_IN_REPORT_COLOR,
    NOT_SIGNED,
    NOT_SIGNED_COLOR,
    map_legend,
    stage_map_figure,
)

STATUSES = [
    SimpleNamespace(slug="sensibilizacion", name="Sensibilización", color="#fee8c8"),
    SimpleNamespace(slug="cierre", name="Cierre de ciclo", color="#0b5c4a"),
]
ALL_STATES = [
    SimpleNamespace(cve_ent="01", name="Aguascalientes"),
    SimpleNamespace(cve_ent="10", name="Durango"),
    SimpleNamespace(cve_ent="13", name="Hidalgo"),
    SimpleNamespace(cve_ent="32", name="Zacatecas"),
]
ROWS = [
    {"cve_ent": "10", "state": "Durango", "status_slug": "cierre"},
    {"cve_ent": "32", "state": "Zacatecas", "status_slug": "cierre"},
    {"cve_ent": "13", "state": "Hidalgo", "status_slug": ""},
    {"cve_ent": "01", "state": "Aguascalientes", "status_slug": NOT_SIGNED},
]


def map_figure():
    return stage_map_figure(
        rows=ROWS, statuses=STATUSES, all_states=ALL_STATES, geojson_url="/estados/mapa.geojson"
    )


def test_stage_map_colours_each_state_by_its_stage():
    figure = map_figure()

    traces = {trace["name"]: trace for trace in figure["data"]}
    # A stage nobody is in draws no trace.
    assert list(traces) == [
        "Cierre de ciclo",
        "No firmó la Declaración Conjunta",
        "Sin dato de etapa",
    ]
    closing = traces["Cierre de ciclo"]
    assert closing["type"] == "choropleth"
    assert closing["locations"] == ["10", "32"]
    assert closing["text"] == ["Durango", "Zacatecas"]
    assert closing["colorscale"] == [[0, "#0b5c4a"], [1, "#0b5c4a"]]
    assert traces["Sin dato de etapa"]["colorscale"][0][1] == NO_STATUS_COLOR
    # A state that did not sign is not painted like one whose stage is unknown.
    assert traces["No firmó la Declaración Conjunta"]["locations"] == ["01"]
    assert NOT_SIGNED_COLOR not in (NO_STATUS_COLOR, NOT_IN_REPORT_COLOR)
    assert all(trace["geojson"] == "/estados/mapa.geojson" for trace in figure["data"])


def test_stage_map_keeps_its_plot_options_and_no_plotly_theme():
    figure = map_figure()

    assert figure["config"] == {"scrollZoom": False}
    assert figure["layout"]["geo"] == {"fitbounds": "locations", "visible": False}
    assert figure["layout"]["dragmode"] is False
    assert "template" not in figure["layout"]


def test_map_legend_lists_every_colour_early_stages_first():
    assert [name for name, _color in map_legend(STATUSES)] == [
        "Sensibilización",
        "Cierre de ciclo",
        "No firmó la Declaración Conjunta",
        "Sin dato de etapa",
        "No incluido en esta selección",
    ]


def test_stage_map_draws_states_outside_the_selection_apart():
    figure = stage_map_figure(
        rows=ROWS[:2], statuses=STATUSES, all_states=ALL_STATES, geojson_url="/m.geojson"
    )

    outside = {trace["name"]: trace for trace in figure["data"]}["No incluido en esta selección"]
    assert outside["locations"] == ["01", "13"]
    assert outside["colorscale"][0][1] == NOT_IN_REPORT_COLOR
