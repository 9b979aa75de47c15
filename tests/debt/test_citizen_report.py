"""The Informe Ciudadano of every state: plain sentences whose numbers are the official data.

A citizen reads a number in the report and should find the same number in the source named
under its paragraph. These tests recompute every number from the shipped data, with their own
queries, and find nothing else in the text.
"""

import io
import re
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext

from core import formatting
from core.models import Source
from debt.models import (
    AlertSystemResult,
    ConsumerPriceIndex,
    DebtByDebtorAndPayment,
    DebtFigure,
    LoanBalance,
    Population,
    RegistryLoan,
    StateFinances,
)
from states.models import State

pytestmark = pytest.mark.django_db

SHCP_SERIES = "shcp-saldo-historico-obligaciones-entidades-1993-2015"
RPU = "shcp-registro-publico-unico-2023-06-30"
PARTS = ["amortization", "interest", "fees", "expenses", "hedging"]
REPORTED_STATES = ["zacatecas", "nuevo-leon", "tlaxcala"]


def url(slug):
    return f"/deuda/{slug}/informe-ciudadano/"


def generated_sentences(page):
    """Every sentence the portal wrote (not the staff's text), key figures excluded."""
    return [
        sentence
        for section in page.sections
        for paragraph in section.paragraphs
        for sentence in [*paragraph.sentences, *paragraph.items]
    ]


def millions(value):
    return formatting.millions_of_pesos(value)


def inpc_average(year):
    values = list(
        ConsumerPriceIndex.objects.filter(month__year=year).values_list("value", flat=True)
    )
    assert len(values) == 12
    return sum(values) / 12


def expected_texts(state):
    """Every number (and date) the report may show for a state, queried here independently."""
    texts = set()

    def add_date(day):
        texts.update({formatting.long_date(day), formatting.month_year(day), str(day.year)})

    figures = DebtFigure.objects.filter(state=state).select_related("source")
    series = [f for f in figures if f.source.key == SHCP_SERIES and f.scope == "total"]
    populations = dict(Population.objects.filter(state=state).values_list("year", "mid_year"))
    months = defaultdict(int)
    for month in ConsumerPriceIndex.objects.values_list("month", flat=True):
        months[month.year] += 1
    base_year = max(year for year, count in months.items() if count == 12)
    texts.add(str(base_year))
    for figure in figures:
        texts.add(millions(figure.amount))
        texts.add(formatting.date_with_precision(figure.as_of, figure.date_precision))
        add_date(figure.as_of)
        people = populations.get(figure.as_of.year)
        if people:
            texts.add(formatting.number(people))
            texts.add(formatting.pesos(figure.amount / people, decimals=0))
    year_ends = sorted(
        (f for f in series if (f.as_of.month, f.as_of.day) == (12, 31)), key=lambda f: f.as_of
    )
    late = year_ends[-1]
    early = next(f for f in year_ends if f.as_of.year == late.as_of.year - 10)
    texts.add(str(late.as_of.year - early.as_of.year))
    base = inpc_average(base_year)
    reals = []
    for figure in (early, late):
        month = ConsumerPriceIndex.objects.get(month=figure.as_of.replace(day=1)).value
        reals.append(figure.amount * base / month)
        texts.add(millions(reals[-1]))
    for before, after in ((early.amount, late.amount), tuple(reals)):
        if before:
            factor = Decimal(after) / Decimal(before)
            texts.add(formatting.number(factor, decimals=1))
            texts.add(formatting.percent(abs(factor - 1) * 100))

    by_debtor = DebtByDebtorAndPayment.objects.filter(state=state)
    debtors, payments = defaultdict(Decimal), defaultdict(Decimal)
    for row in by_debtor:
        add_date(row.as_of)
        debtors[row.debtor_type] += row.amount
        payments[row.payment_source] += row.amount
    texts.update(millions(amount) for amount in [*debtors.values(), *payments.values()])
    total = sum(debtors.values())
    texts.update(formatting.percent(amount / total * 100) for amount in payments.values())

    balances = LoanBalance.objects.filter(registry_loan__state=state, registry_loan__registry="rpu")
    texts.add(millions(balances.aggregate(total=Sum("amount"))["total"]))
    texts.add(formatting.number(RegistryLoan.objects.filter(state=state, registry="rpu").count()))
    for row in balances.values("registry_loan__creditor").annotate(total=Sum("amount")):
        texts.add(millions(row["total"]))
    add_date(RegistryLoan.objects.filter(state=state, registry="rpu").first().as_of)

    for result in AlertSystemResult.objects.filter(state=state):
        texts.update({millions(result.debt_and_obligations), result.evaluation})
    texts.update(AlertSystemResult.objects.values_list("evaluation", flat=True))

    for finances in StateFinances.objects.filter(state=state):
        texts.add(str(finances.year))
        values = [getattr(finances, part) for part in PARTS]
        texts.update(
            {
                millions(finances.participaciones),
                millions(finances.adefas),
                millions(finances.borrowing),
            }
        )
        if all(value is None for value in values):
            continue
        service = sum(value or 0 for value in values)
        texts.add(millions(service))
        texts.add(millions(finances.amortization or 0))
        texts.add(millions(finances.interest or 0))
        texts.add(millions(sum(getattr(finances, p) or 0 for p in PARTS[2:])))
        texts.add(formatting.percent(service / finances.participaciones * 100))
    return texts


@pytest.mark.parametrize("slug", REPORTED_STATES)
def test_every_number_in_the_report_is_the_value_queried_from_its_source(
    client, shipped_data, slug
):
    state = State.objects.get(slug=slug)
    response = client.get(url(slug))
    assert response.status_code == 200
    page = response.context["page"]
    expected = sorted(expected_texts(state), key=len, reverse=True)

    for sentence in generated_sentences(page):
        rest = sentence.text
        for text in expected:
            rest = rest.replace(text, "")
        assert not re.search(r"\d", rest), f"{sentence.text!r}: a number not from the data"
        if sentence.figures:
            assert sentence.citations, f"{sentence.text!r} has numbers but no source"
        for citation in sentence.citations:
            assert citation.refers_to, f"{sentence.text!r}: no date for its numbers"
    for key in page.key_figures:
        assert key.figure.text in expected


def test_zacatecas_report_says_what_is_owed_to_whom_and_when(client, shipped_data):
    html = client.get(url("zacatecas")).content.decode()
    page = client.get(url("zacatecas")).context["page"]
    texts = [sentence.text for sentence in generated_sentences(page)]

    assert any("el 31 de diciembre de 2015" in text and "$7,609.4 mdp" in text for text in texts), (
        "SHCP's latest official total, with its date"
    )
    assert "$7,609.4 mdp" in html
    assert "Saldo histórico de obligaciones financieras" in html  # its source, under it
    # The RPU: a sum of registered balances, so labelled, and its three largest creditors.
    registered = next(text for text in texts if "Registro Público Único" in text)
    assert "suma de saldos registrados al 30 de junio de 2023" in registered
    how_much = next(s for s in page.sections if s.kind == "how_much")
    [registry] = [p for p in how_much.paragraphs if "Registro Público Único" in p.sentences[0].text]
    creditors = [item.text for item in registry.items]
    top = (
        LoanBalance.objects.filter(
            registry_loan__state__cve_ent="32", registry_loan__registry="rpu"
        )
        .values("registry_loan__creditor")
        .annotate(total=Sum("amount"))
        .order_by("-total")[:3]
    )
    assert creditors == [
        f"{row['registry_loan__creditor']}: {millions(row['total'])}" for row in top
    ]
    # Dec 2015 by debtor: the state government's parts add up (participaciones + own revenue).
    assert "El gobierno del estado: $6,976.3 mdp" in texts
    # Per person: the same total over CONAPO's mid-2015 population.
    assert any("1,613,116" in text and "$4,717" in text for text in texts)


def test_debt_service_is_its_five_parts_without_adefas(client, shipped_data):
    page = client.get(url("zacatecas")).context["page"]
    how_paid = next(section for section in page.sections if section.kind == "how_paid")
    rows = {row.year: row for row in how_paid.service_years}

    for finances in StateFinances.objects.filter(state__cve_ent="32"):
        five_parts = sum(getattr(finances, part) or 0 for part in PARTS)
        row = rows[finances.year]
        assert row.debt_service.value == five_parts
        assert row.debt_service.text == millions(five_parts)
        assert finances.adefas and row.debt_service.value != five_parts + finances.adefas
        assert row.share_of_participaciones.text == formatting.percent(
            five_parts / finances.participaciones * 100
        )
    texts = [sentence.text for sentence in generated_sentences(page)]
    assert any("ADEFAS" in text and "No son servicio de la deuda" in text for text in texts)
    assert rows[2022].preliminary


def test_the_debt_service_table_links_its_figures_in_open_data(client, shipped_data):
    """The report's EFIPEM figures can be downloaded: the link the page gives returns each
    year's debt service as the page shows it."""
    response = client.get(url("zacatecas"))
    rows = {
        row.year: row
        for section in response.context["page"].sections
        if section.kind == "how_paid"
        for row in section.service_years
    }
    link = re.search(
        r'href="(/datos/finanzas-estatales\.csv\?estado=zacatecas)"', response.content.decode()
    )

    assert link, "the debt service table links no download"
    download = client.get(link.group(1))
    assert download.status_code == 200
    lines = b"".join(download.streaming_content if download.streaming else [download.content])
    frame = pd.read_csv(io.BytesIO(lines), dtype=str, encoding="utf-8-sig")
    assert set(frame["cve_ent"]) == {"32"}
    years = zip(frame["year"], frame["debt_service_total"], strict=True)
    served = {int(year): Decimal(value) for year, value in years}
    assert served == {year: row.debt_service.value for year, row in rows.items()}


def test_a_state_without_inegi_finances_says_sin_dato_never_zero(client, shipped_data):
    assert not StateFinances.objects.filter(state__cve_ent="09").exists()

    page = client.get(url("ciudad-de-mexico")).context["page"]

    how_paid = next(section for section in page.sections if section.kind == "how_paid")
    [paragraph] = how_paid.paragraphs
    text = paragraph.sentences[0].text
    assert "sin dato" in text
    assert "$0" not in text and "0 %" not in text
    assert how_paid.service_years == []
    assert [figure.value for figure in paragraph.sentences[0].figures] == [None]


def test_tlaxcala_without_debt_payments_or_alert_result_says_sin_dato(client, shipped_data):
    page = client.get(url("tlaxcala")).context["page"]

    how_paid = next(section for section in page.sections if section.kind == "how_paid")
    assert how_paid.service_years == []  # not a table of «sin dato»
    [paragraph] = how_paid.paragraphs
    unknown, participaciones = paragraph.sentences[1:]
    assert "de 2015 a 2022" in unknown.text and "dice sin dato" in unknown.text
    last = StateFinances.objects.get(state__cve_ent="29", year=2022)
    assert [figure.value for figure in participaciones.figures] == [last.participaciones]
    texts = [sentence.text for sentence in generated_sentences(page)]
    assert any("Sistema de Alertas" in text and "sin dato" in text for text in texts)
    assert not any("$0.0 mdp" in text for text in texts)


def test_staff_text_comes_first_then_the_figures(client, shipped_data):
    page = client.get(url("zacatecas")).context["page"]

    kinds = [section.kind for section in page.sections]
    assert kinds == [
        "what_is_debt",
        "how_much",
        "how_changed",
        "used_for",
        "per_person",
        "how_paid",
        "how_to_follow",
    ]
    how_much = page.sections[1]
    assert how_much.staff_paragraphs and how_much.paragraphs
    html = client.get(url("zacatecas")).content.decode()
    assert html.index("El recuadro de arriba") < html.index("Según la SHCP, el 31 de diciembre")
    # What the staff already says is not said twice.
    assert html.count("Nadie recibe un recibo") == 1


def test_report_without_staff_text_still_explains_and_links_glossary(client, shipped_data):
    html = client.get(url("nuevo-leon")).content.decode()

    assert "El órgano garante de este estado todavía no ha escrito su propio informe" in html
    assert '<a class="glossary-link" href="#termino-emprestito">empréstito</a>' in html
    assert 'href="/deuda/nuevo-leon/novedades.atom"' in html
    assert 'href="/deuda/nuevo-leon/historica/?formato=csv"' in html


def count_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("slug", REPORTED_STATES)
def test_report_query_count_does_not_grow_with_rows(client, shipped_data, slug):
    state = State.objects.get(slug=slug)
    before = count_queries(client, url(slug))
    source = Source.objects.get(key=RPU)
    template = RegistryLoan.objects.filter(registry="rpu").first()
    for n in range(5):
        loan = RegistryLoan.objects.create(
            registry="rpu",
            as_of=template.as_of,
            row_key=f"prueba-{n}",
            state=state,
            debtor="Deudor de prueba",
            creditor=f"Banco de prueba {n}",
            obligation_type="Crédito simple",
            source=source,
        )
        loan.balances.create(as_of=template.as_of, amount=n + 1, source=source)
        DebtFigure.objects.create(
            state=state,
            as_of=f"{2040 + n}-01-01",
            scope="state_government",
            amount=1,
            source=source,
        )
        StateFinances.objects.create(
            state=state, year=2040 + n, participaciones=10, interest=1, source=source
        )

    assert count_queries(client, url(slug)) == before


def test_the_template_types_no_number():
    template = Path(__file__).resolve().parents[2] / "templates/debt/citizen_report.html"
    text = re.sub(r"{%.*?%}|{{.*?}}|<[^>]+>", "", template.read_text(), flags=re.S)

    assert not re.search(r"\d", text), "numbers come from the data, not the template"
