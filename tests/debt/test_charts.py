"""Debt charts: rows in, a validated Plotly figure out, as the template embeds it."""

import datetime
import json
from decimal import Decimal
from types import SimpleNamespace

import plotly.graph_objects as go
import pytest

from debt.charts import (
    balance_figure,
    composition_figure,
    gap_runs,
    history_figure,
    maturity_figure,
    registry_balance_figure,
    snapshot_comparison_figure,
)
from debt.conversions import Measure
from debt.registry_selectors import BalanceGroup, SnapshotRow
from debt.selectors import Share


def figure_row(scope_code, scope, as_of, value, reported_by="SHCP", series="sourced"):
    return {
        "series": series,
        "series_label": series,
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

    assert [trace["name"] for trace in figure["data"]] == [
        "Otras fuentes: gobierno del estado",
        "Otras fuentes: municipios",
    ]
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
        maturity_figure([]),
        registry_balance_figure([]),
        snapshot_comparison_figure([], "2015", "2023"),
    ):
        assert "template" not in figure["layout"]  # Plotly's default theme is ~10 KB
        assert json.loads(json.dumps(figure)) == figure


def test_history_figure_draws_shcp_series_as_one_line_and_other_measures_as_points():
    official = [
        figure_row("total", "Total", datetime.date(year, 12, 31), Decimal("1e9"), series="official")
        for year in (2013, 2014, 2015)
    ]
    rows = [
        *official,
        figure_row(
            "total", "Total", datetime.date(2023, 6, 30), Decimal("2e9"), series="registry_sum"
        ),
        figure_row(
            "state_government",
            "Gobierno",
            datetime.date(2025, 12, 31),
            Decimal("3e9"),
            series="alert_system",
        ),
    ]

    figure = history_figure(rows, Measure.NOMINAL, 2024, missing_years=range(2016, 2023))

    line, registry, alert = figure["data"]
    assert line["mode"] == "lines+markers" and line["x"][-1] == "2015-12-31"
    assert (registry["mode"], registry["marker"]["symbol"]) == ("markers", "diamond")
    assert (alert["mode"], alert["marker"]["symbol"]) == ("markers", "square")


def test_history_figure_shades_years_without_figures_and_the_end_of_the_official_series():
    rows = [
        figure_row(
            "total", "Total", datetime.date(2015, 12, 31), Decimal("1e9"), series="official"
        ),
        figure_row(
            "total", "Total", datetime.date(2023, 6, 30), Decimal("2e9"), series="registry_sum"
        ),
    ]

    figure = history_figure(rows, Measure.NOMINAL, 2024, missing_years=[*range(2016, 2023), 2024])

    bands = {(shape["x0"], shape["x1"]) for shape in figure["layout"]["shapes"]}
    assert bands == {
        ("2016-01-01", "2025-01-01"),  # no official series after 2015
        ("2016-01-01", "2023-01-01"),  # no figure at all, 2016 to 2022
        ("2024-01-01", "2025-01-01"),
    }
    labels = [annotation["text"] for annotation in figure["layout"]["annotations"]]
    assert labels == ["sin serie oficial", "sin dato"]  # a one-year band is not labelled
    assert figure["layout"]["xaxis"]["range"] == ["2015-01-01", "2025-01-01"]


def test_gap_runs_groups_consecutive_years():
    assert gap_runs([2024, 2016, 2017, 2018, 2026]) == [(2016, 2018), (2024, 2024), (2026, 2026)]
    assert gap_runs([]) == []


def group(label, millions, loans=1, key=None):
    return BalanceGroup(label, Decimal(millions) * 1_000_000, loans, None, key)


def test_registry_balance_figure_puts_the_rest_in_one_bar_past_the_limit():
    groups = [group(f"Deudor {n}", 100 - n) for n in range(15)]

    figure = registry_balance_figure(groups, limit=12)

    [bars] = figure["data"]
    assert bars["y"][-1] == "Deudor 0" and bars["x"][-1] == 100.0  # largest on top
    assert bars["y"][0] == "Otros 3" and bars["x"][0] == 88.0 + 87.0 + 86.0


def test_maturity_figure_keeps_years_in_order_and_undated_last():
    profile = [group("2024", 5, key=2024), group("2031", 7, key=2031), group("sin fecha", 1)]

    [bars] = maturity_figure(profile)["data"]

    assert bars["x"] == ["2024", "2031", "sin fecha"]
    assert bars["y"] == [5.0, 7.0, 1.0]


def test_snapshot_comparison_figure_pairs_the_two_dates_earlier_on_top():
    rows = [SnapshotRow("Banobras", Decimal("1e9"), 3, Decimal("2.5e9"), 2)]

    later, earlier = snapshot_comparison_figure(rows, "2015", "2023")["data"]

    assert (earlier["name"], earlier["x"]) == ("2015", [1000.0])
    assert (later["name"], later["x"]) == ("2023", [2500.0])


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


def test_long_bar_labels_wrap_so_the_bars_keep_their_room_on_a_phone():
    name = "Fondo de Aportaciones para el Fortalecimiento de las Entidades Federativas"

    [bars] = registry_balance_figure([group(name, 10)])["data"]

    assert bars["y"] == ["Fondo de Aportaciones<br>para el Fortalecimiento<br>de las Entidades…"]
    assert bars["customdata"] == [name]  # the whole name when hovering


def test_figures_are_built_without_copying_a_theme_first():
    # go.Figure() deep-copies the default theme into every figure (two thirds of its cost)
    # unless the default is "none", which importing our charts sets.
    import plotly.graph_objects as go
    import plotly.io as pio

    import core.charts  # noqa: F401

    assert pio.templates.default == "none"
    # The "none" theme: no layout, no colours, only plotly's empty scatter default.
    assert go.Figure().layout.template.to_plotly_json() == {
        "data": {"scatter": [{"type": "scatter"}]}
    }
