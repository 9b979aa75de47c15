"""Every public page runs a fixed, small number of SQL queries, however much data there is."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments.models import Commitment, CommitmentActivity, ProgressUpdate
from core.models import Source
from debt.models import DebtFigure, Loan, LoanBalance, RegistryLoan
from tests.portal.test_urls import PUBLIC_URLS, concrete, first_page_of_each_view
from tests.sweeps import sweep

pytestmark = pytest.mark.django_db

MAX_QUERIES = 10
ZACATECAS = "32"


def _clone(queryset, copies: int, change) -> dict[int, list]:
    """Copy every row `copies` times (`change(row, n)` makes each copy unique); return
    {original pk: [its copies]}, so the rows that point at it can be copied too."""
    originals = list(queryset)
    made = []
    for n in range(1, copies + 1):
        for row in originals:
            copy = type(row)(
                **{
                    field.attname: getattr(row, field.attname)
                    for field in row._meta.concrete_fields
                    if not field.primary_key
                }
            )
            change(copy, n)
            made.append((row.pk, copy))
    if made:
        type(originals[0]).objects.bulk_create([copy for _, copy in made])
    copies_of: dict[int, list] = {}
    for original, copy in made:
        copies_of.setdefault(original, []).append(copy)
    return copies_of


def _clone_children(queryset, parent_field: str, copies_of: dict[int, list]) -> None:
    """Copy the rows pointing at each cloned parent onto its copies."""
    children = []
    for row in queryset:
        for parent in copies_of.get(getattr(row, f"{parent_field}_id"), []):
            child = type(row)(
                **{
                    field.attname: getattr(row, field.attname)
                    for field in row._meta.concrete_fields
                    if not field.primary_key
                }
            )
            setattr(child, f"{parent_field}_id", parent.pk)
            children.append(child)
    if children:
        type(children[0]).objects.bulk_create(children)


def multiply_data(factor: int) -> None:
    """Make the data `factor` times larger where pages list rows: Zacatecas' debt figures
    (from more sources), loans and their balances, RPU entries and theirs, and commitments
    with their progress updates and activities."""
    copies = factor - 1
    sources: dict[tuple[int, int], Source] = {}

    def from_source(figure, n):
        # Another copy of each source, so (state, date, scope, source) stays unique.
        key = (figure.source_id, n)
        if key not in sources:
            sources[key] = Source.objects.create(key=f"copia-{n}-{figure.source_id}")
        figure.source_id = sources[key].pk

    _clone(DebtFigure.objects.filter(state__cve_ent=ZACATECAS), copies, from_source)

    def relabel(loan, n):
        loan.label = f"{loan.label} (copia {n})"

    loans = _clone(Loan.objects.filter(state__cve_ent=ZACATECAS), copies, relabel)
    _clone_children(LoanBalance.objects.filter(loan__state__cve_ent=ZACATECAS), "loan", loans)

    def rekey(entry, n):
        entry.row_key = f"{entry.row_key}-copia-{n}"

    registry = _clone(RegistryLoan.objects.filter(state__cve_ent=ZACATECAS), copies, rekey)
    balances = LoanBalance.objects.filter(registry_loan__state__cve_ent=ZACATECAS)
    _clone_children(balances, "registry_loan", registry)

    def retitle(commitment, n):
        commitment.title = f"{commitment.title} (copia {n})"
        commitment.number = (commitment.number or 0) + 100 * n

    commitments = _clone(Commitment.objects.all(), copies, retitle)
    _clone_children(ProgressUpdate.objects.all(), "commitment", commitments)
    _clone_children(CommitmentActivity.objects.all(), "commitment", commitments)


def query_counts(client, urls) -> dict[str, int]:
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(concrete(url)).status_code == 200, url
        counts[url] = len(queries)
    return counts


# A query that grows with the rows is in a view's code: `make test` reads the first page of
# each view, the sweep the others (other states, measures, orders).
FIRST_PAGES = first_page_of_each_view(PUBLIC_URLS)


@pytest.mark.parametrize(
    "urls",
    [
        pytest.param(FIRST_PAGES, id="first-page-of-each-view"),
        pytest.param([u for u in PUBLIC_URLS if u not in FIRST_PAGES], id="others", marks=sweep),
    ],
)
def test_every_page_runs_at_most_ten_queries_whatever_the_data_size(client, shipped_data, urls):
    shipped = query_counts(client, urls)
    zacatecas_commitments = Commitment.objects.filter(plan__state__cve_ent=ZACATECAS).count()

    multiply_data(10)

    assert Commitment.objects.filter(plan__state__cve_ent=ZACATECAS).count() == (
        10 * zacatecas_commitments
    )
    grown = query_counts(client, urls)
    over = {url: count for url, count in shipped.items() if count > MAX_QUERIES}
    assert not over, f"pages over {MAX_QUERIES} queries with the shipped data: {over}"
    changed = {url: (shipped[url], grown[url]) for url in urls if grown[url] != shipped[url]}
    assert not changed, f"query counts that grow with the data (1×, 10×): {changed}"
