"""Feeds carry staff text as plain text: a feed reader shows it, it runs no markup."""

import xml.etree.ElementTree as ET

import pytest

from tests.factories import CommitmentFactory, ProgressUpdateFactory

pytestmark = pytest.mark.django_db

ATOM = {"atom": "http://www.w3.org/2005/Atom"}
SCRIPT = '<script>alert("hola")</script> Avance & más'


def test_progress_feed_sends_staff_text_as_escaped_plain_text(client):
    update = ProgressUpdateFactory(commitment=CommitmentFactory(), text=SCRIPT)
    plan = update.commitment.plan

    for url in (
        f"/compromisos/{plan.state.slug}/novedades.atom",
        f"/compromisos/{plan.state.slug}/{plan.slug}/novedades.atom",
    ):
        response = client.get(url)

        raw = response.content.decode()
        assert "<script>" not in raw
        assert "&lt;script&gt;" in raw
        summary = ET.fromstring(response.content).find("atom:entry/atom:summary", ATOM)
        assert summary.get("type") == "text"
        assert summary.text == SCRIPT


def test_debt_feed_summaries_are_plain_text(client, shipped_data):
    response = client.get("/deuda/zacatecas/novedades.atom")

    summaries = ET.fromstring(response.content).findall("atom:entry/atom:summary", ATOM)
    assert summaries
    assert {summary.get("type") for summary in summaries} == {"text"}
