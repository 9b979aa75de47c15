"""Feeds read as a feed reader reads them: dated by the facts, signed, in plain text, and
announced in the <head> of the pages they belong to."""

import datetime
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import feedparser
import pytest

from commitments.models import ActionPlan, ProgressUpdate
from debt.models import DebtFigure
from tests.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    DebtFigureFactory,
    ProgressUpdateFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

ATOM = {"atom": "http://www.w3.org/2005/Atom"}
SCRIPT = '<script>alert("hola")</script> Avance & más'


def read_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, f"{url}: {feed.get('bozo_exception')}"
    return feed


def day_of(timestamp: str) -> datetime.date:
    """The calendar day an Atom timestamp names, in the offset it is written with."""
    return datetime.datetime.fromisoformat(timestamp).date()


def every_feed_url(client):
    catalogue = client.get("/datos/").content.decode()
    urls = set(re.findall(r'href="([^"]+\.atom)"', catalogue))
    urls |= {
        f"{plan.get_absolute_url()}novedades.atom"
        for plan in ActionPlan.objects.published().select_related("state")
    }
    return sorted(urls)


def test_every_feed_parses_and_dates_its_entries_by_the_data(client, shipped_data):
    urls = every_feed_url(client)
    assert len(urls) > 40  # 32 debt feeds, the states' and the plans' progress feeds
    feeds = {url: read_feed(client, url) for url in urls}
    dated = {
        "cifra": dict(DebtFigure.objects.values_list("pk", "as_of")),
        "avance": dict(ProgressUpdate.objects.values_list("pk", "reported_on")),
    }

    for url, feed in feeds.items():
        assert feed.feed.get("author"), f"{url} names no author"
        for entry in feed.entries:
            kind, pk = re.search(r"#(cifra|avance)-(\d+)$", entry.link).groups()
            assert day_of(entry.updated) == dated[kind][int(pk)], entry.link
            assert day_of(entry.published) == dated[kind][int(pk)], entry.link
            assert entry.get("author"), f"{entry.link} names no author"
            assert entry.summary_detail.type == "text/plain"
        if feed.entries:
            newest = max(datetime.datetime.fromisoformat(e.updated) for e in feed.entries)
            assert datetime.datetime.fromisoformat(feed.feed.updated) == newest, url
    # Every state's debt figures and Zacatecas's «¿Cómo vamos?» (state and two plans).
    assert sum(1 for feed in feeds.values() if feed.entries) >= 35


def test_feeds_are_dated_by_the_fact_and_signed_by_who_published_it(client):
    source = SourceFactory(reported_by="Secretaría de Finanzas del Estado")
    figure = DebtFigureFactory(as_of=datetime.date(2090, 10, 1), source=source)
    older = DebtFigureFactory(as_of=datetime.date(2089, 12, 31), source=source)
    update = ProgressUpdateFactory(reported_on=datetime.date(2018, 1, 15))
    plan = update.commitment.plan

    debt = read_feed(client, "/deuda/zacatecas/novedades.atom")
    progress = read_feed(client, f"{plan.get_absolute_url()}novedades.atom")

    first, second = debt.entries[:2]
    assert (first.link.split("#")[1], second.link.split("#")[1]) == (
        f"cifra-{figure.pk}",
        f"cifra-{older.pk}",
    )
    assert day_of(first.updated) == datetime.date(2090, 10, 1)
    assert day_of(debt.feed.updated) == datetime.date(2090, 10, 1)
    assert first.author == "Secretaría de Finanzas del Estado"
    [entry] = progress.entries
    assert day_of(entry.updated) == datetime.date(2018, 1, 15)  # not the day it was typed in
    assert day_of(progress.feed.updated) == datetime.date(2018, 1, 15)
    assert entry.author == progress.feed.author == "Secretariado Técnico Local de Zacatecas"


def test_a_feed_without_entries_reports_when_its_plan_last_changed(client):
    plan = ActionPlanFactory()
    plan.history.update(history_date=datetime.datetime(2019, 3, 4, 12, tzinfo=datetime.UTC))
    url = f"{plan.get_absolute_url()}novedades.atom"

    feed = read_feed(client, url)

    assert feed.entries == []
    assert datetime.datetime.fromisoformat(feed.feed.updated) == datetime.datetime(
        2019, 3, 4, 12, tzinfo=datetime.UTC
    )
    assert client.get(url)["Last-Modified"] == "Mon, 04 Mar 2019 12:00:00 GMT"


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


class FeedLinks(HTMLParser):
    """Collect the Atom feeds a page announces in its <head> and links in its body."""

    def __init__(self):
        super().__init__()
        self.in_head = False
        self.announced, self.linked = set(), set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif tag == "link" and self.in_head and attrs.get("rel") == "alternate":
            assert attrs.get("type") == "application/atom+xml" and attrs.get("title")
            self.announced.add(attrs["href"])
        elif tag == "a" and attrs.get("href", "").endswith(".atom"):
            self.linked.add(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


def feed_links(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    parser = FeedLinks()
    parser.feed(response.content.decode())
    return parser


def test_every_page_with_a_feed_announces_it_in_its_head(client, shipped_data):
    plan = ActionPlan.objects.get(state__slug="zacatecas", slug="1-pal")
    commitment = plan.commitments.first()
    debt_feed = "/deuda/zacatecas/novedades.atom"
    state_feed = "/compromisos/zacatecas/novedades.atom"
    plan_feed = "/compromisos/zacatecas/1-pal/novedades.atom"
    pages = {
        "/deuda/zacatecas/": {debt_feed},
        "/deuda/zacatecas/historica/": {debt_feed},
        "/deuda/zacatecas/informe-ciudadano/": {debt_feed},
        "/compromisos/zacatecas/": {state_feed},
        plan.get_absolute_url(): {plan_feed},
        f"{plan.get_absolute_url()}evaluacion/": {plan_feed},
        commitment.get_absolute_url(): {plan_feed},
        "/estados/zacatecas/": {debt_feed, state_feed},
        "/estados/aguascalientes/": {"/deuda/aguascalientes/novedades.atom"},  # no plans
    }

    for url, feeds in pages.items():
        links = feed_links(client, url)
        assert links.announced == feeds, url
        assert links.linked <= links.announced, f"{url} links a feed its <head> does not name"
    # Each feed points readers at a page that announces it.
    for feed_url in {debt_feed, state_feed, plan_feed}:
        page = read_feed(client, feed_url).feed.link.removeprefix("http://testserver")
        assert feed_url in pages[page]
