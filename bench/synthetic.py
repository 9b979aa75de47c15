"""A national-scale synthetic database on top of the shipped data, for the benchmark only.

Every row it adds says it is synthetic (sources, titles, texts: «SINTÉTICO»), so nobody can
mistake it for a figure. It never writes to fixtures/: it adds rows to whatever database Django
is connected to (the benchmark's own `sigue_bench`). On PostgreSQL the large tables are written
with COPY; elsewhere (the tests, on SQLite) with bulk_create.
"""

import datetime
import hashlib
import subprocess
from dataclasses import asdict, dataclass
from decimal import Decimal
from pathlib import Path

from django.db import connection, models, transaction
from simple_history.utils import bulk_create_with_history

from commitments.models import ActionPlan, Commitment, CommitmentActivity, ProgressUpdate
from core.models import Confidence, Source
from debt.models import DebtFigure, DebtMicrosite, Loan, LoanBalance, LoanStatus, RateType, Scope
from states.models import (
    MilestoneKind,
    ProgressStatus,
    Report,
    ReportEntry,
    ReportMilestone,
    State,
    YesNoUnknown,
)

MARK = "SINTÉTICO"
ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Scale:
    """How much to generate; the defaults are issue 13's national scale."""

    states: int = 32
    first_year: int = 2002
    last_year: int = 2026
    figure_sources: int = 2
    loans_per_state: int = 50
    plans_per_state: int = 3
    commitments_per_plan: int = 20
    activities_per_commitment: int = 10
    updates_per_commitment: int = 30
    reports: int = 10


TINY = Scale(
    states=2,
    first_year=2024,
    last_year=2025,
    figure_sources=2,
    loans_per_state=2,
    plans_per_state=1,
    commitments_per_plan=2,
    activities_per_commitment=2,
    updates_per_commitment=3,
    reports=2,
)


def _months(first: datetime.date, last: datetime.date):
    """Yield the first day of every month from `first` to `last`, both included."""
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        yield datetime.date(year, month, 1)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _loan_months(scale: Scale, index: int) -> list[datetime.date]:
    """Monthly balance dates of the loan `index` of a state: from its signing to the end."""
    span = (scale.last_year - scale.first_year + 1) * 12
    # Signed on a staggered month in the first ~10 years, so loans have different lengths
    # (about 236 balances on average at national scale, as in issue 13's measurement).
    offset = (index * 37) % max(1, min(129, span))
    first = datetime.date(scale.first_year + offset // 12, offset % 12 + 1, 1)
    return list(_months(first, datetime.date(scale.last_year, 12, 1)))


def planned_counts(scale: Scale) -> dict[str, int]:
    """Return how many rows `build(scale)` adds to each model (its label)."""
    quarters = (scale.last_year - scale.first_year + 1) * 4
    commitments = scale.states * scale.plans_per_state * scale.commitments_per_plan
    balances = scale.states * sum(
        len(_loan_months(scale, index)) for index in range(scale.loans_per_state)
    )
    kinds = MilestoneKind.objects.count()
    return {
        "portal.Source": 1 + scale.figure_sources,
        "debt.DebtFigure": scale.states * quarters * scale.figure_sources,
        "debt.Loan": scale.states * scale.loans_per_state,
        "debt.LoanBalance": balances,
        "commitments.ActionPlan": scale.states * scale.plans_per_state,
        "commitments.Commitment": commitments,
        "commitments.CommitmentActivity": commitments * scale.activities_per_commitment,
        "commitments.ProgressUpdate": commitments * scale.updates_per_commitment,
        "states.Report": scale.reports,
        "states.ReportEntry": scale.reports * scale.states,
        "states.ReportMilestone": scale.reports * scale.states * kinds,
    }


def fingerprint(scale: Scale) -> str:
    """Return what identifies a built database: this generator, the schema, the shipped data.

    The same fingerprint means a database built earlier can be reused as it is.
    """
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(repr(sorted(asdict(scale).items())).encode())
    for migration in sorted(ROOT.glob("*/migrations/0*.py")):
        digest.update(migration.relative_to(ROOT).as_posix().encode())
        digest.update(migration.read_bytes())
    fixtures = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "HEAD:fixtures"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    digest.update(fixtures.encode())
    return digest.hexdigest()[:16]


def _write(model: type[models.Model], objects: list) -> None:
    """Insert unsaved objects without their ids: COPY on PostgreSQL, bulk_create elsewhere."""
    if not objects:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objects, batch_size=2000)
        return
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for obj in objects:
            copy.write_row(
                [field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields]
            )


def _sources(scale: Scale) -> tuple[Source, list[Source]]:
    common = {"confidence": Confidence.LOW, "notes": f"{MARK}: datos inventados para medir."}
    general = Source.objects.create(
        key="sintetico-benchmark",
        reported_by=f"{MARK} (benchmark)",
        published_in="Generador de datos sintéticos",
        **common,
    )
    figures = [
        Source.objects.create(
            key=f"sintetico-fuente-{letter}",
            reported_by=f"{MARK} fuente {letter.upper()}",
            published_in="Generador de datos sintéticos",
            **common,
        )
        for letter in "abcdefghij"[: scale.figure_sources]
    ]
    return general, figures


def _debt(scale: Scale, states: list[State], source: Source, figure_sources: list[Source]):
    figures = []
    for state_index, state in enumerate(states):
        DebtMicrosite.objects.update_or_create(state=state, defaults={"is_published": True})
        base = Decimal(5_000_000_000 + state_index * 750_000_000)
        for year in range(scale.first_year, scale.last_year + 1):
            for quarter in range(4):
                as_of = datetime.date(year, quarter * 3 + 3, 1)
                growth = Decimal(1 + (year - scale.first_year) * 0.04 + quarter * 0.01)
                for source_index, figure_source in enumerate(figure_sources):
                    figures.append(
                        DebtFigure(
                            state=state,
                            as_of=as_of,
                            scope=Scope.STATE_GOVERNMENT,
                            amount=(base * growth * (1 + Decimal(source_index) / 50)).quantize(
                                Decimal("0.01")
                            ),
                            source=figure_source,
                            notes=f"{MARK}",
                        )
                    )
    _write(DebtFigure, figures)

    loans = Loan.objects.bulk_create(
        [
            Loan(
                state=state,
                creditor=f"Banco {MARK} {index % 7 + 1}",
                label=f"Crédito {MARK} {index + 1:03d}",
                signed_on=_loan_months(scale, index)[0],
                amount_contracted=Decimal(100_000_000 + index * 9_000_000),
                term="240 meses",
                rate_type=RateType.VARIABLE if index % 2 else RateType.FIXED,
                rate=f"TIIE + {index % 3}.{index % 10}0 ({MARK})",
                payment_source=f"Participaciones ({MARK})",
                purpose=f"Inversión pública productiva ({MARK})",
                status=LoanStatus.IN_FORCE if index % 4 else LoanStatus.PAID,
                source=source,
                notes=MARK,
            )
            for state in states
            for index in range(scale.loans_per_state)
        ]
    )
    balances = []
    for number, loan in enumerate(loans):
        months = _loan_months(scale, number % scale.loans_per_state)
        contracted = loan.amount_contracted
        for step, month in enumerate(months):
            remaining = contracted * Decimal(len(months) - step) / Decimal(len(months))
            balances.append(
                LoanBalance(
                    loan=loan,
                    as_of=month,
                    amount=remaining.quantize(Decimal("0.01")),
                    source=source,
                )
            )
    _write(LoanBalance, balances)


def _commitments(scale: Scale, states: list[State], source: Source):
    published_at = datetime.datetime(scale.last_year, 1, 1, tzinfo=datetime.UTC)
    plans = ActionPlan.objects.bulk_create(
        [
            ActionPlan(
                state=state,
                number=90 + number,
                name=f"Plan {MARK} {number}",
                slug=f"sintetico-{number}",
                period=f"{scale.first_year}-{scale.last_year}",
                is_published=True,
                source=source,
            )
            for state in states
            for number in range(1, scale.plans_per_state + 1)
        ]
    )
    statuses = ["not_started", "in_design", "in_progress", "fulfilled"]
    # With a history record each, as if staff had created them: the commitment page lists its
    # changes and answers 500 for a commitment without any (change_history's zip, strict).
    commitments = bulk_create_with_history(
        [
            Commitment(
                plan=plan,
                number=number,
                title=f"Compromiso {MARK} {number} de {plan.name}",
                problem=f"Problema {MARK}: texto de relleno para medir el tamaño de la página.",
                objective=f"Objetivo {MARK}: publicar datos abiertos del empréstito {number}.",
                responsible=f"Dependencia {MARK}",
                follows_the_money=number % 3 == 0,
                theme=f"Tema {MARK} {number % 5}",
                status=statuses[number % len(statuses)],
                started_on=datetime.date(scale.first_year, 1, 1),
                due_on=datetime.date(scale.last_year, 12, 1),
                is_published=True,
                source=source,
            )
            for plan in plans
            for number in range(1, scale.commitments_per_plan + 1)
        ],
        Commitment,
    )
    start = datetime.date(scale.first_year, 1, 1)
    activities, updates = [], []
    for commitment in commitments:
        for number in range(scale.activities_per_commitment):
            due = start + datetime.timedelta(days=30 * number)
            activities.append(
                CommitmentActivity(
                    commitment=commitment,
                    title=f"Actividad {MARK} {number + 1}",
                    due_on=due,
                    done_on=due if number % 2 == 0 else None,
                    weight=1 + number % 3,
                )
            )
        for number in range(scale.updates_per_commitment):
            updates.append(
                ProgressUpdate(
                    commitment=commitment,
                    reported_on=start + datetime.timedelta(days=11 * number),
                    text=f"Avance {MARK} {number + 1}: se reportó una actividad inventada.",
                    author=f"Autor {MARK}",
                    source=source,
                    is_published=True,
                    # Bulk writes skip save(), which stamps it: without it no line is public.
                    published_at=published_at,
                )
            )
    _write(CommitmentActivity, activities)
    _write(ProgressUpdate, updates)


def _reports(scale: Scale, states: list[State], source: Source):
    kinds = list(MilestoneKind.objects.all())
    stages = list(ProgressStatus.objects.all()) or [None]
    values = [YesNoUnknown.YES, YesNoUnknown.NO, YesNoUnknown.SCHEDULED, YesNoUnknown.UNKNOWN]
    reports = Report.objects.bulk_create(
        [
            Report(
                code=f"sintetico-{number:02d}",
                title=f"Reporte {MARK} {number}",
                # After every real report, so the national page shows a synthetic one by default.
                as_of=datetime.date(2030 + number, 1, 1),
                source=source,
                notes=MARK,
            )
            for number in range(1, scale.reports + 1)
        ]
    )
    entries = ReportEntry.objects.bulk_create(
        [
            ReportEntry(
                report=report,
                state=state,
                group=f"G{MARK}",
                order_in_group=index + 1,
                status=stages[(index + number) % len(stages)],
                status_as_reported=f"Etapa {MARK}",
            )
            for number, report in enumerate(reports)
            for index, state in enumerate(states)
        ]
    )
    _write(
        ReportMilestone,
        [
            ReportMilestone(entry=entry, kind=kind, value=values[(number + k) % len(values)])
            for number, entry in enumerate(entries)
            for k, kind in enumerate(kinds)
        ],
    )


@transaction.atomic
def build(scale: Scale = Scale()) -> dict[str, int]:
    """Add the synthetic rows to the shipped data (the 32 states must be there); return counts."""
    states = list(State.objects.order_by("cve_ent")[: scale.states])
    if len(states) < scale.states:
        raise RuntimeError(f"{scale.states} states needed, {len(states)} found: load_shipped_data")
    source, figure_sources = _sources(scale)
    _debt(scale, states, source, figure_sources)
    _commitments(scale, states, source)
    _reports(scale, states, source)
    return planned_counts(scale)
