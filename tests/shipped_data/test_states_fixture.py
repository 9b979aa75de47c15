"""The shipped states fixture is a faithful copy of INEGI's codes and loads idempotently."""

import csv
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from states.models import State

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def test_fixture_matches_the_source_csv():
    with open(FIXTURES / "states.csv", encoding="utf-8") as handle:
        source = {row["cve_ent"]: row for row in csv.DictReader(handle)}
    fixture = json.loads((FIXTURES / "states.json").read_text(encoding="utf-8"))

    assert len(fixture) == len(source) == 32
    for entry in fixture:
        fields = entry["fields"]
        row = source[fields["cve_ent"]]
        assert (fields["name"], fields["short_name"]) == (row["name"], row["short_name"])


def test_loading_the_fixture_twice_duplicates_nothing():
    call_command("loaddata", "fixtures/states.json", verbosity=0)
    State.objects.filter(cve_ent="32").update(name="Zacatecas (editado)")
    call_command("loaddata", "fixtures/states.json", verbosity=0)

    assert State.objects.count() == 32
    assert State.objects.get(cve_ent="32").name == "Zacatecas"


def test_slugs_are_readable_spanish_names(states):
    slugs = dict(State.objects.values_list("cve_ent", "slug"))

    assert slugs["32"] == "zacatecas"
    assert slugs["09"] == "ciudad-de-mexico"
    assert slugs["15"] == "estado-de-mexico"
    assert len(set(slugs.values())) == 32


def test_natural_key_is_the_inegi_code(states):
    zacatecas = State.objects.get_by_natural_key("32")

    assert zacatecas.natural_key() == ("32",)
    assert zacatecas.get_absolute_url() == "/estados/zacatecas/"
