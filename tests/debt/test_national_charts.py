"""Charts of the national pages: a state without a value is grey, never 0; the small series
share one scale and leave a gap where a year has no value."""

from decimal import Decimal

from debt import charts
from debt.conversions import Measure


def test_map_draws_a_state_without_value_apart_from_the_scale():
    rows = [
        {"cve_ent": "32", "state": "Zacatecas", "value": 40.3, "value_display": "40.3 %"},
        {"cve_ent": "29", "state": "Tlaxcala", "value": None, "value_display": "sin dato"},
    ]

    figure = charts.states_map_figure(rows, geojson_url="/estados/mapa.geojson", scale_title="%")

    scaled, unknown = figure["data"]
    assert scaled["locations"] == ["32"] and scaled["z"] == [40.3]
    assert unknown["locations"] == ["29"] and unknown["showscale"] is False
    assert unknown["text"] == ["Tlaxcala: sin dato"]
    assert figure["layout"]["geo"]["fitbounds"] == "locations"


def test_small_series_share_one_scale_and_leave_gaps():
    history = [
        {
            "state": "Zacatecas",
            "slug": "zacatecas",
            "cve_ent": "32",
            "values": {"2014": Decimal("7243300000"), "2015": Decimal("7609400000")},
        },
        {
            "state": "Coahuila de Zaragoza",
            "slug": "coahuila",
            "cve_ent": "05",
            "values": {"2015": Decimal("38008600000")},
        },
    ]

    figures = charts.history_sparkline_figures(history, [2014, 2015], measure=Measure.NOMINAL)

    zacatecas, coahuila = figures
    assert zacatecas["figure"]["data"][0]["y"] == [7243.3, 7609.4]
    assert coahuila["figure"]["data"][0]["y"] == [None, 38008.6]  # a gap, not 0
    assert coahuila["name"] == "Coahuila"  # the common name fits the small chart
    ranges = {tuple(f["figure"]["layout"]["yaxis"]["range"]) for f in figures}
    assert len(ranges) == 1 and max(ranges)[1] > 38008.6
