"""The benchmark's synthetic data: the rows it promises, each visibly synthetic (tiny scale)."""

import pytest
from django.apps import apps

from bench import synthetic
from bench.synthetic import MARK, TINY

pytestmark = pytest.mark.django_db


def test_build_adds_the_planned_rows_and_every_text_says_synthetic(shipped_data):
    planned = synthetic.planned_counts(TINY)
    before = {label: apps.get_model(label).objects.count() for label in planned}
    Commitment = apps.get_model("commitments.Commitment")
    histories_before = Commitment.history.count()

    synthetic.build(TINY)

    added = {label: apps.get_model(label).objects.count() - before[label] for label in planned}
    assert added == planned
    # 2 states × 2 years × 4 quarters × 2 sources; 2 states × 1 plan × 2 commitments.
    assert added["debt.DebtFigure"] == 32
    assert added["commitments.Commitment"] == 4
    assert added["commitments.ProgressUpdate"] == 4 * 3
    # Readers see them: the lines are published (bulk writes skip the save that stamps it).
    ProgressUpdate = apps.get_model("commitments.ProgressUpdate")
    assert ProgressUpdate.objects.visible().filter(text__contains=MARK).count() == 4 * 3
    # The commitment page lists its changes: each synthetic commitment has its «created» record.
    assert Commitment.history.count() - histories_before == 4
    Source = apps.get_model("portal.Source")
    Loan = apps.get_model("debt.Loan")
    assert Source.objects.filter(reported_by__contains=MARK).count() == planned["portal.Source"]
    assert Commitment.objects.filter(title__contains=MARK).count() == 4
    assert Loan.objects.filter(label__contains=MARK).count() == planned["debt.Loan"]


def test_each_loan_has_a_balance_every_month_from_signing_to_the_end():
    months = synthetic._loan_months(TINY, 1)

    assert months[-1].isoformat() == f"{TINY.last_year}-12-01"
    assert all(
        (b.year * 12 + b.month) - (a.year * 12 + a.month) == 1
        for a, b in zip(months, months[1:], strict=False)
    )


def test_the_fingerprint_changes_with_the_scale_so_a_stale_database_is_rebuilt():
    assert synthetic.fingerprint(TINY) == synthetic.fingerprint(TINY)
    assert synthetic.fingerprint(TINY) != synthetic.fingerprint(synthetic.Scale())
