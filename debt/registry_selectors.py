"""Reads of SHCP's loan registries and Sistema de Alertas for a state's debt pages.

A registry lists every debtor of a state (its government, its public bodies, each
municipality) loan by loan, with the balance on the listing's date. Its sums are «suma de
saldos registrados»: not SHCP's total debt, which includes obligations the registry omits
(fixtures/official/README.md). The pages say so wherever they show one.
"""

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Max,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from core import formatting
from core.formatting import fold
from core.models import Source
from debt.models import (
    AlertSystemResult,
    DebtorType,
    LoanBalance,
    LoanRegistry,
    RegistryLoan,
    Scope,
)

ONE_PERCENTAGE_POINT = Decimal("0.01")
# Sistema de Alertas «Cuenta Pública 2025» refers to the year 2025: the figure is dated then.
EVALUATION_YEAR = re.compile(r"(19|20)\d\d")

# The kind of debtor, as the filter and the 2015-2023 comparison name it. The 2015 registry
# names only the state government; municipalities and public bodies are not told apart there,
# so the comparison has two groups, which both listings tell apart the same way.
STATE_GOVERNMENT, BODIES, MUNICIPALITIES = "estado", "organismos", "municipios"


def debtor_kind(debtor_type: str) -> str:
    """Return the kind of debtor of a registry's `debtor_type` (empty: a body, or unknown)."""
    if debtor_type == DebtorType.STATE_GOVERNMENT:
        return STATE_GOVERNMENT
    if debtor_type in (DebtorType.MUNICIPALITY, DebtorType.MUNICIPAL_BODY):
        return MUNICIPALITIES
    return BODIES


def debtor_kind_choices() -> list[tuple[str, str]]:
    return [
        (STATE_GOVERNMENT, _("Gobierno del estado")),
        (BODIES, _("Organismos, fideicomisos y otros")),
        (MUNICIPALITIES, _("Municipios")),
    ]


# Creditors are spelled differently in each listing («BANOBRAS», «Banco Nacional de Obras y
# Servicios Públicos, Sociedad Nacional de Crédito»): grouped under the name people use.
CREDITOR_GROUPS = (
    ("banobras", "Banobras"),
    ("banco nacional de obras", "Banobras"),
    ("mercantil del norte", "Banorte"),
    ("banorte", "Banorte"),
    ("bbva", "BBVA"),
    ("bancomer", "BBVA"),
    ("santander", "Santander"),
    ("hsbc", "HSBC"),
    ("scotiabank", "Scotiabank"),
    ("inverlat", "Scotiabank"),
    ("banamex", "Banamex"),
    ("banco nacional de mexico", "Banamex"),
    ("interacciones", "Interacciones"),
    ("bajio", "Banco del Bajío"),
    ("multiva", "Multiva"),
    ("afirme", "Afirme"),
    ("inbursa", "Inbursa"),
    ("azteca", "Banco Azteca"),
    ("banregio", "Banregio"),
    ("bansi", "Bansi"),
    ("mifel", "Mifel"),
    ("invex", "Invex"),
    ("ixe", "IXE"),
    ("deutsche bank", "Deutsche Bank"),
    ("cibanco", "CIBanco"),
    ("value, s. a.", "Value (casa de bolsa)"),
    ("monex", "Monex"),
    ("financiera local", "Financiera Local"),
    ("corporacion financiera de america del norte", "Cofidan"),
    ("cofidan", "Cofidan"),
    ("fintegra", "Fintegra"),
    ("dexia", "Dexia"),
    ("nacional financiera", "Nafin"),
    ("tenedores bursatiles", "Tenedores bursátiles"),
)


def creditor_group(name: str) -> str:
    """Return the short name a creditor is known by («Banobras»), or its name as written."""
    folded = fold(name)
    for fragment, group in CREDITOR_GROUPS:
        if fragment in folded:
            return group
    return " ".join(name.split()) or _("sin dato")


def is_tiie_linked(loan) -> bool:
    """True when the loan's rate follows the TIIE (SHCP: «TIIE a 28 días», «TIIE»)."""
    return "tiie" in loan.reference_rate.casefold()


def _latest_snapshot(registry):
    return Subquery(
        RegistryLoan.objects.filter(registry=registry).order_by("-as_of").values("as_of")[:1]
    )


def _in_latest_snapshot(state, registry):
    return RegistryLoan.objects.for_state(state).filter(
        registry=registry, as_of=_latest_snapshot(registry)
    )


def latest_snapshot_date(registry) -> datetime.date | None:
    """Return the date of the latest listing of a registry (every state's share it)."""
    return RegistryLoan.objects.filter(registry=registry).aggregate(latest=Max("as_of"))["latest"]


def registry_loans(state, registry=LoanRegistry.RPU):
    """Return the state's loans in the latest listing of a registry, each with its balance.

    The state government first, then its bodies, then each municipality; by date signed.
    """
    kind_order = Case(
        When(debtor_type=DebtorType.STATE_GOVERNMENT, then=Value(0)),
        When(debtor_type__in=[DebtorType.MUNICIPALITY, DebtorType.MUNICIPAL_BODY], then=Value(2)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return (
        _in_latest_snapshot(state, registry)
        .with_balance()
        .select_related("source")
        .annotate(kind_order=kind_order)
        .order_by("kind_order", "debtor", "signed_on", "pk")
    )


def registry_debtors(state, registry=LoanRegistry.RPU) -> list[tuple[str, list]]:
    """Return the debtors of the latest listing as grouped filter choices: the state
    government, its bodies, its municipalities (alphabetically within each)."""
    rows = set(_in_latest_snapshot(state, registry).order_by().values_list("debtor", "debtor_type"))
    groups: dict[str, dict[str, None]] = {kind: {} for kind, _label in debtor_kind_choices()}
    for name, debtor_type in sorted(rows, key=lambda row: fold(row[0])):
        groups[debtor_kind(debtor_type)][name] = None
    return [
        (label, [(name, name) for name in groups[kind]])
        for kind, label in debtor_kind_choices()
        if groups[kind]
    ]


# -- What a selection of loans adds up to ----------------------------------------------------


def _positive(balance) -> Decimal:
    return balance if balance is not None and balance > 0 else Decimal(0)


@dataclass(frozen=True)
class RateExposure:
    """Totals of a selection of registry loans, and what their interest rates say.

    `rated_balance`: the balance of loans whose effective rate SHCP gives; the weighted
    average is over those only. `tiie_balance`: the balance of loans whose reference rate
    mentions TIIE; `tiie_hedged_balance`: the part of it with a hedge (swap, cap) listed.
    """

    loans: int
    balance: Decimal
    signed_after: int
    rated_balance: Decimal
    weighted_rate: Decimal | None
    tiie_balance: Decimal
    tiie_hedged_balance: Decimal

    @property
    def rated_share(self) -> Decimal | None:
        return self.rated_balance / self.balance if self.balance else None

    @property
    def tiie_share(self) -> Decimal | None:
        return self.tiie_balance / self.balance if self.balance else None

    @property
    def one_point_cost(self) -> Decimal:
        """What one more percentage point of TIIE would cost in a year, on today's balance."""
        return self.tiie_balance * ONE_PERCENTAGE_POINT


def rate_exposure(loans) -> RateExposure:
    """Add up a selection of registry loans (balances annotated) and weigh their rates."""
    balance = rated = weighted = tiie = hedged = Decimal(0)
    signed_after = 0
    for loan in loans:
        amount = _positive(loan.balance)
        balance += amount
        signed_after += loan.signed_after_snapshot()
        if loan.effective_rate is not None and amount:
            rated += amount
            weighted += amount * loan.effective_rate
        if is_tiie_linked(loan):
            tiie += amount
            if loan.hedge_instrument.strip():
                hedged += amount
    return RateExposure(
        loans=len(loans),
        balance=balance,
        signed_after=signed_after,
        rated_balance=rated,
        weighted_rate=weighted / rated if rated else None,
        tiie_balance=tiie,
        tiie_hedged_balance=hedged,
    )


@dataclass(frozen=True)
class BalanceGroup:
    """Registry loans grouped by creditor, source of payment, debtor or maturity year."""

    label: str
    balance: Decimal
    loans: int
    share: Decimal | None  # of the selection's balance (a fraction)
    key: object = None  # what the group was made from (a maturity year), for charts


def balance_by(loans, key) -> list[BalanceGroup]:
    """Group loans by `key(loan)` («sin dato» when empty): balance, count, share; largest first."""
    groups: dict[str, list] = defaultdict(list)
    for loan in loans:
        groups[key(loan) or _("sin dato")].append(loan)
    total = sum((_positive(loan.balance) for loan in loans), Decimal(0))
    shares = []
    for label, members in groups.items():
        amount = sum((_positive(loan.balance) for loan in members), Decimal(0))
        shares.append(
            BalanceGroup(
                label=label,
                balance=amount,
                loans=len(members),
                share=amount / total if total else None,
            )
        )
    return sorted(shares, key=lambda group: (-group.balance, fold(group.label)))


def payment_source_label(loan) -> str:
    return " ".join(loan.payment_source.split())


def registry_compositions(loans) -> dict[str, list[BalanceGroup]]:
    return {
        "creditor": balance_by(loans, lambda loan: creditor_group(loan.creditor)),
        "payment_source": balance_by(loans, payment_source_label),
        "debtor": balance_by(loans, lambda loan: loan.debtor),
    }


def maturity_profile(loans) -> list[BalanceGroup]:
    """Return the balance falling due each year: each loan's whole balance in its maturity
    year (the registry gives no repayment schedule); loans without a date as «sin fecha»."""
    by_year: dict[int | None, list] = defaultdict(list)
    for loan in loans:
        if _positive(loan.balance):
            by_year[loan.maturity_on.year if loan.maturity_on else None].append(loan)
    total = sum((_positive(loan.balance) for loan in loans), Decimal(0))
    profile = []
    for year in sorted(by_year, key=lambda year: (year is None, year or 0)):
        amount = sum((loan.balance for loan in by_year[year]), Decimal(0))
        profile.append(
            BalanceGroup(
                label=str(year) if year is not None else _("sin fecha"),
                balance=amount,
                loans=len(by_year[year]),
                share=amount / total if total else None,
                key=year,
            )
        )
    return profile


# -- Two listings side by side -----------------------------------------------------------------


@dataclass(frozen=True)
class SnapshotRow:
    label: str
    earlier: Decimal
    earlier_loans: int
    later: Decimal
    later_loans: int


@dataclass(frozen=True)
class SnapshotComparison:
    """The 2015 registry and the RPU of 2023, summed the same way (suma de saldos registrados)."""

    earlier_as_of: datetime.date
    later_as_of: datetime.date
    earlier_source: Source
    later_source: Source
    by_debtor: list[SnapshotRow]
    by_creditor: list[SnapshotRow]


def _compare(earlier, later, key, groups=()) -> list[SnapshotRow]:
    """Sum two listings by `key(loan)`; `groups` are shown even when neither listing has one."""
    sums: dict[str, list] = defaultdict(lambda: [Decimal(0), 0, Decimal(0), 0])
    for group in groups:
        sums[group] = [Decimal(0), 0, Decimal(0), 0]
    for offset, loans in ((0, earlier), (2, later)):
        for loan in loans:
            row = sums[key(loan)]
            row[offset] += _positive(loan.balance)
            row[offset + 1] += 1
    rows = [SnapshotRow(label, *values) for label, values in sums.items()]
    return sorted(rows, key=lambda row: (-max(row.earlier, row.later), fold(row.label)))


def snapshot_comparison(state) -> SnapshotComparison | None:
    """Compare the latest 2015-registry listing with the latest RPU listing of a state."""
    listings = (
        RegistryLoan.objects.for_state(state)
        .filter(
            Q(registry=LoanRegistry.ROE, as_of=_latest_snapshot(LoanRegistry.ROE))
            | Q(registry=LoanRegistry.RPU, as_of=_latest_snapshot(LoanRegistry.RPU))
        )
        .with_balance()
        .select_related("source")
    )
    earlier = [loan for loan in listings if loan.registry == LoanRegistry.ROE]
    later = [loan for loan in listings if loan.registry == LoanRegistry.RPU]
    if not earlier or not later:
        return None
    government, others = _("Gobierno del estado"), _("Municipios, organismos y otros")

    def kind(loan):
        return government if debtor_kind(loan.debtor_type) == STATE_GOVERNMENT else others

    return SnapshotComparison(
        earlier_as_of=earlier[0].as_of,
        later_as_of=later[0].as_of,
        earlier_source=earlier[0].source,
        later_source=later[0].source,
        by_debtor=_compare(earlier, later, kind, groups=(government, others)),
        by_creditor=_compare(earlier, later, lambda loan: creditor_group(loan.creditor)),
    )


@dataclass(frozen=True)
class CurrentDebt:
    """What the current-debt page shows of a selection of loans of the latest RPU listing."""

    as_of: datetime.date | None
    exposure: RateExposure
    maturity: list[BalanceGroup]
    compositions: dict[str, list[BalanceGroup]]
    comparison: SnapshotComparison | None


def current_debt(state, loans) -> CurrentDebt:
    """Sum up a selection of the state's RPU loans; compare the whole state with 2015."""
    return CurrentDebt(
        as_of=latest_snapshot_date(LoanRegistry.RPU),
        exposure=rate_exposure(loans),
        maturity=maturity_profile(loans),
        compositions=registry_compositions(loans),
        comparison=snapshot_comparison(state),
    )


# -- Figures for the historical chart and the welcome page ------------------------------------


class HistorySeries(models.TextChoices):
    """What a point of the historical chart and table is: the measures are not the same."""

    OFFICIAL = "official", gettext_lazy("Serie oficial de SHCP (saldo a esa fecha)")
    SOURCED = "sourced", gettext_lazy("Cifra con fuente")
    REGISTRY_SUM = "registry_sum", gettext_lazy("Suma de saldos registrados (no es la deuda total)")
    ALERT_SYSTEM = "alert_system", gettext_lazy("Sistema de Alertas: deuda y obligaciones")


@dataclass
class OtherMeasure:
    """An official figure that is not SHCP's debt series: it measures something else.

    Shaped like a DebtFigure (as_of, date_precision, scope, amount, source, notes) so the
    historical table and chart take both; `series` says which measure it is.
    """

    series: str
    as_of: datetime.date
    date_precision: str
    scope: str
    amount: Decimal
    source: Source
    notes: str
    loans: int | None = None
    pk: None = None
    # Filled in like a DebtFigure's by debt.selectors.history_rows.
    measure_value: Decimal | None = None
    shcp_percent: Decimal | None = None
    disagrees: bool = False


def registry_sums(state) -> list[OtherMeasure]:
    """Return the «suma de saldos registrados» of each registry listing of a state."""
    rows = (
        LoanBalance.objects.filter(
            registry_loan__state=state, as_of=F("registry_loan__as_of"), amount__gt=0
        )
        .values(
            "registry_loan__registry",
            "as_of",
            "source__pk",
            "source__key",
            "source__reported_by",
            "source__published_in",
            "source__url",
            "source__confidence",
        )
        .annotate(total=Sum("amount"), loans=Count("registry_loan"))
        .order_by("as_of")
    )
    registries = dict(LoanRegistry.choices)
    return [
        OtherMeasure(
            series=HistorySeries.REGISTRY_SUM,
            as_of=row["as_of"],
            date_precision="day",
            scope=Scope.TOTAL,
            amount=row["total"],
            source=Source(
                pk=row["source__pk"],
                key=row["source__key"],
                reported_by=row["source__reported_by"],
                published_in=row["source__published_in"],
                url=row["source__url"],
                confidence=row["source__confidence"],
            ),
            notes=formatting.interpolate_lazy(
                ngettext_lazy(
                    "%(registry)s: saldo de %(loans)s crédito con saldo. No es la deuda total "
                    "que publica SHCP: el registro no incluye obligaciones no inscritas.",
                    "%(registry)s: suma de los saldos de %(loans)s créditos con saldo. No es la "
                    "deuda total que publica SHCP: el registro no incluye obligaciones no "
                    "inscritas.",
                    row["loans"],
                ),
                {"registry": registries[row["registry_loan__registry"]], "loans": row["loans"]},
            ),
            loans=row["loans"],
        )
        for row in rows
    ]


def alert_result(state) -> AlertSystemResult | None:
    """Return the state's latest result in SHCP's Sistema de Alertas, if SHCP measured it."""
    return (
        AlertSystemResult.objects.filter(state=state)
        .select_related("source")
        .order_by("-evaluation")
        .first()
    )


def latest_alert_evaluation() -> AlertSystemResult | None:
    """Return any state's result of the latest evaluation: its name and source, for a state
    that SHCP did not measure in it."""
    return AlertSystemResult.objects.select_related("source").order_by("-evaluation").first()


def alert_debt_measure(result: AlertSystemResult | None) -> OtherMeasure | None:
    """Return the «deuda y obligaciones» of a Sistema de Alertas result, dated by its year."""
    if result is None or result.debt_and_obligations is None:
        return None
    year = EVALUATION_YEAR.search(result.evaluation)
    if year is None:
        return None
    return OtherMeasure(
        series=HistorySeries.ALERT_SYSTEM,
        as_of=datetime.date(int(year.group()), 12, 31),
        date_precision="year",
        scope=Scope.STATE_GOVERNMENT,
        amount=result.debt_and_obligations,
        source=result.source,
        notes=formatting.interpolate_lazy(
            gettext_lazy(
                "Sistema de Alertas, %(evaluation)s: «deuda y obligaciones» del estado, la "
                "medida con la que SHCP calcula su primer indicador. No es la misma medida que "
                "la serie histórica."
            ),
            {"evaluation": result.evaluation},
        ),
    )
