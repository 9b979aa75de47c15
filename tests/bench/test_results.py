"""latest.json carries every field issue 13 asks for, and the targets read the right way."""

import json

import pytest

from bench import results


def sample():
    page = {
        "name": "inicio",
        "url": "/",
        "queries": 4,
        "bytes_compressed_total": 120_000,
        "has_chart": True,
        "rps": {"1": 50.0, "8": 300.0},
        "p95_ms": {"1": 20.0, "8": 30.0},
        "static_rps": {"1": 800.0, "8": 500.0},
        "static_p95_ms": {"1": 5.0, "8": 20.0},
        "ratio_to_static": 0.6,
    }
    export = {
        "name": "csv-compromisos",
        "url": "/compromisos/?formato=csv",
        "rows": 2000,
        "rps": {"1": 2.0},
        "rows_per_s": 4000.0,
        "ratio_to_copy": 0.01,
        "idle_rss_mb": 80.0,
        "peak_rss_mb": 130.0,
    }
    return {
        "pages": [page],
        "exports": [export],
        "ceilings": {
            "static": {
                "url": "/static/x.css",
                "clients": [1, 8],
                "rps": {"8": 500.0},
                "p95_ms": {"8": 20.0},
            },
            "copy": {"table": "debt_loanbalance", "rows": 10, "seconds": 0.1, "rows_per_s": 100.0},
        },
        "machine": {"cores": 2, "cpu_model": "x", "load_average": [1.0, 1.0, 1.0]},
        "commit": "abc",
        "date": "2026-12-01T00:00:00+00:00",
    }


def test_a_complete_result_is_written_as_json(tmp_path):
    path = tmp_path / "latest.json"

    results.write(sample(), path)

    assert json.loads(path.read_text())["pages"][0]["ratio_to_static"] == 0.6


@pytest.mark.parametrize(
    ("where", "key"), [("pages", "ratio_to_static"), ("exports", "peak_rss_mb"), (None, "machine")]
)
def test_a_result_missing_a_field_of_the_issue_is_refused(tmp_path, where, key):
    broken = sample()
    del (broken[where][0] if where else broken)[key]

    with pytest.raises(ValueError, match=key):
        results.write(broken, tmp_path / "latest.json")
    assert not (tmp_path / "latest.json").exists()


def test_targets_pass_and_fail_on_the_issue_thresholds():
    page = sample()["pages"][0]
    export = sample()["exports"][0]

    assert results.page_checks(page) == {
        "ratio>=0.5": True,
        "p95<=3xstatic": True,
        "queries<=10": True,
        "chart<=500KB": True,
    }
    page.update(ratio_to_static=0.4, queries=11, bytes_compressed_total=600_000)
    page["p95_ms"]["8"] = 61.0
    assert not any(results.page_checks(page).values())
    # 130 MB at peak for 80 MB idle is more than 1.5 ×; 0.01 of COPY is less than 0.5.
    assert results.export_checks(export) == {"copy>=0.5": False, "rss<=1.5xidle": False}


def test_the_table_names_every_page_and_export_with_its_verdict():
    table = results.format_table(sample())

    assert "inicio" in table and "PASS" in table
    assert "csv-compromisos" in table and "FAIL copy>=0.5,rss<=1.5xidle" in table
