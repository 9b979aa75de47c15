"""Debt charts: rows in, a validated Plotly figure out, as the template embeds it."""

import datetime
import json
from decimal import Decimal
from types import SimpleNamespace

import plotly.graph_objects as go
import pytest

from debt.charts import balance_figure, composition_figure, history_figure
from debt.conversions import Measure
from debt.selectors import Share


def figure_row(scope_code, scope, as_of, value, reported_by="SHCP"):
    return {
        "scope_code": scope_code,
        "scope": scope,
        "as_of": as_of,
        "value": value,
        "value_display": f"${value} mdp" if value is not None else "sin dato",
        "reported_by": reported_by,
    }


def test_history_figure_draws_one_trace_of_markers_per_scope_in_millions():
    rows = [
        figure_row(
            "state_government",
            "Gobierno del estado",
            datetime.date(2015, 12, 31),
            Decimal("7500123456.78"),
        ),
        figure_row(
            "state_government",
            "Gobierno del estado",
            datetime.date(2016, 12, 31),
            Decimal("7698600000"),
        ),
        figure_row(
            "municipalities", "Municipios", datetime.date(2016, 12, 31), Decimal("250000000")
        ),
        figure_row("total", "Total", datetime.date(2017, 12, 31), None),  # not drawn
    ]

    figure = history_figure(rows, Measure.NOMINAL, 2024)

    assert [trace["name"] for trace in figure["data"]] == ["Gobierno del estado", "Municipios"]
    state = figure["data"][0]
    assert state["type"] == "scatter" and state["mode"] == "markers"
    assert state["x"] == ["2015-12-31", "2016-12-31"]
    assert state["y"] == [7500.1, 7698.6]
    assert state["text"][1] == "$7698600000 mdp · SHCP"
    assert figure["layout"]["yaxis"]["title"]["text"] == "Millones de pesos corrientes"
    assert figure["layout"]["yaxis"]["tickformat"] == ",.0f"  # 1,234 as written in Mexico


def test_history_figure_in_percent_of_gdp_keeps_two_decimals():
    rows = [figure_row("total", "Total", datetime.date(2016, 6, 30), Decimal("3.14159"))]

    figure = history_figure(rows, Measure.PERCENT_GDP, 2024)

    assert figure["data"][0]["y"] == [3.14]
    assert figure["layout"]["yaxis"]["tickformat"] == ".2f"


def test_history_figure_without_figures_has_no_traces():
    assert history_figure([], Measure.REAL, 2024)["data"] == []


def test_composition_figure_lists_known_amounts_largest_on_top():
    shares = [
        Share(label="Banobras", amount=Decimal("3000000000"), loans=2),
        Share(label="Banorte", amount=Decimal("1250000000"), loans=1),
        Share(label="Sin dato", amount=None, loans=1),
    ]

    figure = composition_figure(shares)

    bars = figure["data"][0]
    assert bars["type"] == "bar" and bars["orientation"] == "h"
    # Plotly draws the first category at the bottom, so the list is reversed.
    assert bars["y"] == ["Banorte", "Banobras"]
    assert bars["x"] == [1250.0, 3000.0]
    assert figure["layout"]["height"] == 80 + 40 * 2


def test_balance_figure_draws_each_reported_balance_in_millions():
    balances = [
        SimpleNamespace(as_of=datetime.date(2020, 3, 31), amount=Decimal("1500000000")),
        SimpleNamespace(as_of=datetime.date(2021, 3, 31), amount=Decimal("1412345678")),
    ]

    figure = balance_figure(balances)

    points = figure["data"][0]
    assert points["x"] == ["2020-03-31", "2021-03-31"]
    assert points["y"] == [1500.0, 1412.3]
    assert figure["layout"]["xaxis"]["type"] == "date"


def test_figures_carry_no_plotly_theme_and_are_plain_json():
    rows = [figure_row("total", "Total", datetime.date(2016, 6, 30), Decimal("1"))]

    for figure in (
        history_figure(rows, Measure.NOMINAL, 2024),
        composition_figure([]),
        balance_figure([]),
    ):
        assert "template" not in figure["layout"]  # Plotly's default theme is ~10 KB
        assert json.loads(json.dumps(figure)) == figure


@pytest.mark.parametrize(
    "build",
    [
        lambda: go.Scatter(mode="markers", marker={"sise": 11}),
        lambda: go.Scatter(mdoe="markers"),
        lambda: go.Layout(yaxis={"tickfromat": ",.0f"}),
        lambda: go.Figure(data=[go.Bar(x=[1])], layout={"hieght": 300}),
        lambda: go.Layout(height=3),  # a value out of range is rejected too
    ],
    ids=["trace-nested", "trace", "layout-nested", "layout", "value"],
)
def test_a_misspelled_chart_attribute_raises_instead_of_drawing_nothing(build):
    with pytest.raises(ValueError, match="Invalid"):
        build()
