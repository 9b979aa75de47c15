"""The evaluation of Local Action Plans: which advance, which stall, since when nothing came."""

import datetime

import pytest

from commitments.models import CommitmentStatus, PlanEvaluation
from commitments.selectors import (
    STALLED_AFTER_MONTHS,
    Progress,
    Standing,
    months_between,
    national_evaluation,
    period_end,
    plan_progress,
    plan_standing,
)
from tests.factories import ActionPlanFactory, CommitmentFactory, ProgressUpdateFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 1)
SOME = Progress(done=1, total=3)


def test_a_plan_stalls_after_twelve_months_without_reports():
    assert STALLED_AFTER_MONTHS == 12
    recent = datetime.date(2026, 1, 15)
    old = datetime.date(2025, 11, 30)
    assert plan_standing(SOME, recent, "day", today=TODAY) == Standing.ADVANCING
    assert plan_standing(SOME, old, "day", today=TODAY) == Standing.STALLED


def test_a_month_precision_report_counts_from_the_end_of_its_month():
    # «diciembre de 2025» may mean 31 December: not yet twelve months on 1 December 2026.
    assert period_end(datetime.date(2025, 12, 1), "month") == datetime.date(2025, 12, 31)
    assert plan_standing(SOME, datetime.date(2025, 12, 1), "month", today=TODAY) == (
        Standing.ADVANCING
    )
    assert period_end(datetime.date(2017, 1, 1), "year") == datetime.date(2017, 12, 31)
    assert months_between(datetime.date(2017, 5, 31), TODAY) == 114


def test_a_plan_without_reports_and_a_fulfilled_plan_are_told_apart():
    assert plan_standing(SOME, None, None, today=TODAY) == Standing.NO_REPORTS
    assert plan_standing(Progress(done=2, total=2), None, None, today=TODAY) == Standing.FULFILLED
    # Fulfilled is not claimed while some commitment's progress is unknown.
    assert plan_standing(Progress(2, 2, unknown=1), None, None, today=TODAY) == (
        Standing.NO_REPORTS
    )


def test_commitments_with_unknown_status_and_no_activities_are_not_zero_percent():
    plan = ActionPlanFactory()
    commitments = [CommitmentFactory(plan=plan, number=n) for n in (1, 2)]

    progress = plan_progress(commitments)

    assert (progress.total, progress.unknown, progress.percent) == (0, 2, None)
    commitments[0].status = CommitmentStatus.FULFILLED
    assert plan_progress(commitments).percent == 100


def test_durango_says_progress_unknown_not_zero_percent(client, shipped_data):
    html = client.get("/estados/durango/").content.decode()

    assert "0 de 2 compromisos cumplidos" not in html
    assert "0 %" not in html
    assert "avance sin dato" in html
    html = client.get("/compromisos/durango/").content.decode()
    assert "avance sin dato" in html and "0 de 2" not in html


def test_national_evaluation_says_since_when_nothing_was_reported(client, shipped_data):
    plan = ActionPlanFactory()
    commitment = CommitmentFactory(plan=plan, status=CommitmentStatus.IN_PROGRESS)
    ProgressUpdateFactory(
        commitment=commitment, reported_on=datetime.date(2017, 5, 1), date_precision="month"
    )

    rows = {row.plan.pk: row for row in national_evaluation(today=TODAY)}
    html = client.get("/compromisos/evaluacion/").content.decode()

    assert rows[plan.pk].standing == Standing.STALLED
    assert rows[plan.pk].months_without_reports == 114
    assert "mayo de 2017" in html and "1 de mayo de 2017" not in html
    assert "estancado" in html and "Cómo lo calculamos" in html


def test_national_evaluation_downloads_the_same_table(client, shipped_data):
    response = client.get("/compromisos/evaluacion/?formato=csv")

    header = response.content.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("state,plan,standing,progress,commitments_unknown,last_reported")


def test_plan_evaluation_shows_published_recommendations_only(client):
    plan = ActionPlanFactory()
    PlanEvaluation.objects.create(
        plan=plan,
        evaluated_on=datetime.date(2026, 6, 1),
        summary="Faltan evidencias.",
        recommendations="Publicar las minutas de las mesas.",
        is_published=True,
    )
    PlanEvaluation.objects.create(
        plan=plan, evaluated_on=datetime.date(2026, 7, 1), summary="Borrador interno."
    )
    url = f"/compromisos/{plan.state.slug}/{plan.slug}/evaluacion/"

    html = client.get(url).content.decode()

    assert "Publicar las minutas de las mesas." in html
    assert "Borrador interno." not in html
    assert "sin reportes" in html


def test_public_dates_are_the_facts_not_the_day_the_data_was_loaded(client, shipped_data):
    from django.utils import timezone

    from core.formatting import long_date

    loaded = long_date(timezone.localdate())
    commitment = CommitmentFactory(status=CommitmentStatus.IN_PROGRESS)
    ProgressUpdateFactory(
        commitment=commitment, reported_on=datetime.date(2017, 5, 1), date_precision="month"
    )

    page = client.get(commitment.get_absolute_url()).content.decode()
    listing = client.get(f"/compromisos/?q={commitment.title}").content.decode()
    csv = client.get(f"/compromisos/?q={commitment.title}&formato=csv").content.decode()

    assert "Último avance o documento" in page and "mayo de 2017" in page
    assert f"Registrado en el portal el {loaded}" in page
    assert page.count(loaded) == 1  # only in the change history
    assert "mayo de 2017" in listing and loaded not in listing
    assert "2017-05" in csv


def test_evaluation_reads_in_english(client, shipped_data):
    html = client.get("/en/compromisos/evaluacion/").content.decode()

    assert "How we calculate it" in html and "Cómo lo calculamos" not in html
    assert "no reports" in html and "sin reportes" not in html
