"""The national progress as shipped: counters and CSV match the seed and the source table."""

import io
from pathlib import Path

import pandas as pd
import pytest

from states import selectors
from states.models import Report

pytestmark = pytest.mark.django_db

SHIPPED_CSV = Path(__file__).resolve().parents[2] / "fixtures" / "state_progress.csv"


def counters_for(code):
    report = Report.objects.get(code=code)
    kinds = selectors.milestone_kinds()
    entries = selectors.with_milestone_values(selectors.report_entries(report), kinds)
    return selectors.report_counters(entries, kinds)


def read_csv(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return pd.read_csv(io.BytesIO(response.content), dtype=str, encoding="utf-8-sig").fillna("")


def test_2016_counters_match_what_the_seed_itself_says(shipped_data):
    # Seed 002: "veintitrés entidades ... once ya cuentan con sus secretariados técnicos
    # locales instalados y siete con su plan de acción".
    counters = counters_for("2016-09")

    assert counters.states == 23
    assert counters.reached("signed_declaration") == 23
    assert counters.reached("stl_installed") == 11
    assert counters.reached("pal_launched") == 7


def test_2017_counters_match_a_count_of_the_source_table(shipped_data):
    source = pd.read_csv(SHIPPED_CSV, dtype=str).fillna("")
    rows = source[source.snapshot == "2017-05"]
    counters = counters_for("2017-05")

    assert counters.states == len(rows) == 32
    for code in ("signed_declaration", "sensitization", "stl_installed", "pal_launched"):
        assert counters.reached(code) == (rows[code] == "yes").sum(), code
    assert counters.cgatp_members == (rows.cgatp_member == "yes").sum()


def test_counters_say_how_many_states_the_report_is_silent_about(shipped_data):
    counters = counters_for("2016-09")
    sensitization = next(c for c in counters.milestones if c.kind.code == "sensitization")

    # G15 states' sensitization is not in the 2016 table: unknown, not "no".
    assert sensitization.unknown == 13
    assert counters.cgatp_unknown == 23


def test_page_shows_2016_counters_and_sin_dato_for_cgatp(client, shipped_data):
    html = client.get("/estados/?reporte=2016-09").content.decode()

    assert 'counter__number">23<' in html
    assert 'counter__number">11<' in html
    assert 'counter__number">7<' in html
    assert 'counter__number counter__number--unknown">sin dato<' in html


def test_csv_round_trip_matches_the_table_and_the_source(client, shipped_data):
    page = client.get("/estados/?reporte=2016-09")
    frame = read_csv(client.get("/estados/?reporte=2016-09&formato=csv"))
    source = pd.read_csv(SHIPPED_CSV, dtype=str).fillna("")
    source = source[source.snapshot == "2016-09"]

    assert len(frame) == len(page.context["table"].rows) == 23
    assert list(frame.columns[:4]) == ["state", "cve_ent", "group", "order_in_group"]
    visible = [column.name for column in page.context["table"].columns]
    assert set(visible) <= set(frame.columns)
    merged = frame.merge(source, on="cve_ent", suffixes=("", "_source"))
    assert len(merged) == 23
    # The report files' own codes and column names; a silent report is "unknown".
    for kind in ("signed_declaration", "sensitization", "stl_installed", "pal_launched"):
        assert (merged[kind] == merged[f"{kind}_source"].replace("", "unknown")).all(), kind
    assert (merged["status_as_reported"] == merged["status_source"]).all()
    assert set(frame["source_reported_by"]) == {"INAI"}
    assert set(frame["source_confidence"]) == {"medium"}
