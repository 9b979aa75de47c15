"""The Informe Ciudadano of any state, written from the official data in plain Spanish.

Every number a reader sees here comes from a query and is formatted by core.formatting; each
sentence keeps the sources and the date its numbers refer to, and the template prints them
under its paragraph. Sentences are text pieces (glossary words and numbers marked), never
HTML. A state's published CitizenReport (staff-written) comes first in each section; the
figures written here follow it.
"""

import dataclasses
import re
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core import formatting
from core.models import DatePrecision, Source
from debt import selectors
from debt.conversions import Converter, Measure
from debt.glossary import Piece, TermLinker, link_terms
from debt.models import (
    DEBT_SERVICE_PARTS,
    AlertSystemResult,
    DebtByDebtorAndPayment,
    DebtFigure,
    DebtorType,
    Loan,
    LoanBalance,
    LoanRegistry,
    PaymentSource,
    ReportSectionKind,
    Scope,
    StateFinances,
)
from debt.services import SHCP_SERIES_SOURCE
from states.models import State

# INEGI publishes Mexico City's public finances apart from the other 31 states' (EFIPEM), in a
# file the portal does not load: the report says so instead of a bare «sin dato».
MEXICO_CITY = "09"
TOP_CREDITORS = 3
YEARS_COMPARED = 10  # «how that changed»: the latest SHCP year-end against ten years earlier

HOW_CHANGED = "how_changed"  # a section of the generated report only (no staff kind)
SECTION_ORDER = [
    ReportSectionKind.WHAT_IS_DEBT,
    ReportSectionKind.HOW_MUCH,
    HOW_CHANGED,
    ReportSectionKind.USED_FOR,
    ReportSectionKind.PER_PERSON,
    ReportSectionKind.HOW_PAID,
    ReportSectionKind.HOW_TO_FOLLOW,
]
SECTION_TITLES = {
    **dict(ReportSectionKind.choices),
    HOW_CHANGED: gettext_lazy("¿Cómo ha cambiado?"),
}

DEBTORS = {
    DebtorType.STATE_GOVERNMENT: gettext_lazy("El gobierno del estado"),
    DebtorType.STATE_BODY: gettext_lazy("Los organismos del estado"),
    DebtorType.MUNICIPALITY: gettext_lazy("Los municipios"),
    DebtorType.MUNICIPAL_BODY: gettext_lazy("Los organismos de los municipios"),
}
PAYMENT_SOURCES = {
    PaymentSource.PARTICIPACIONES: gettext_lazy("Con participaciones federales"),
    PaymentSource.APORTACIONES: gettext_lazy("Con aportaciones federales"),
    PaymentSource.OWN_REVENUE: gettext_lazy("Con ingresos propios"),
}


# --- What the template renders ------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Figure:
    """A number as the reader sees it, and the queried value it was formatted from."""

    text: str
    value: Decimal | int | None

    @property
    def known(self) -> bool:
        return self.value is not None


@dataclasses.dataclass(frozen=True)
class Citation:
    """Where a sentence's numbers come from, and the date (or period) they refer to."""

    source: Source | None  # a stored Source: shown with its link and confidence
    refers_to: str
    label: str = ""  # for reference series without a stored Source (CONAPO, INPC)


@dataclasses.dataclass(frozen=True)
class Sentence:
    pieces: tuple[Piece, ...]
    citations: tuple[Citation, ...] = ()

    @property
    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces)

    @property
    def figures(self) -> list[Figure]:
        return [piece.figure for piece in self.pieces if isinstance(piece.figure, Figure)]


@dataclasses.dataclass
class Paragraph:
    sentences: list[Sentence]
    items: list[Sentence] = dataclasses.field(default_factory=list)  # shown as a list

    @property
    def citations(self) -> list[Citation]:
        """The paragraph's sources, each once, in the order its sentences cite them."""
        seen: list[Citation] = []
        for sentence in [*self.sentences, *self.items]:
            for citation in sentence.citations:
                if citation not in seen:
                    seen.append(citation)
        return seen


@dataclasses.dataclass(frozen=True)
class ServiceYear:
    """One row of the debt-service table: what a state paid for its debt in a year."""

    year: int
    preliminary: bool
    debt_service: Figure
    amortization: Figure
    interest: Figure
    other: Figure  # fees + expenses + hedging
    participaciones: Figure
    share_of_participaciones: Figure


@dataclasses.dataclass
class Section:
    kind: str
    title: str
    staff_paragraphs: list[list[Piece]] = dataclasses.field(default_factory=list)
    paragraphs: list[Paragraph] = dataclasses.field(default_factory=list)
    service_years: list[ServiceYear] = dataclasses.field(default_factory=list)
    service_citation: Citation | None = None


@dataclasses.dataclass(frozen=True)
class KeyFigure:
    label: str
    figure: Figure
    note: str = ""  # who says so and when: «SHCP, 31 de diciembre de 2015»


@dataclasses.dataclass
class CitizenReportPage:
    report: object  # the published CitizenReport (staff text), or None
    key_figures: list[KeyFigure]
    sections: list[Section]
    glossary: list
    loans_in_force: list[Loan]


# --- Writing sentences ----------------------------------------------------------------------

SLOT = re.compile(r"%\((\w+)\)s")


class Writer:
    """Turn a translated sentence with %(name)s slots into pieces: numbers marked, glossary
    words linked."""

    def __init__(self, linker: TermLinker):
        self.linker = linker

    def pieces(self, template: str, slots: dict) -> tuple[Piece, ...]:
        pieces: list[Piece] = []
        position = 0
        for match in SLOT.finditer(template):
            pieces += self._text(template[position : match.start()])
            pieces += self._slot(slots[match.group(1)])
            position = match.end()
        pieces += self._text(template[position:])
        return tuple(pieces)

    def _text(self, text: str) -> list[Piece]:
        return self.linker.pieces(text.replace("%%", "%"))

    def _slot(self, value) -> list[Piece]:
        if isinstance(value, Figure):
            return [Piece(value.text, figure=value)]
        if isinstance(value, list | tuple):
            return [piece for part in value for piece in self._slot(part)]
        return self.linker.pieces(str(value))

    def sentence(self, template: str, *citations: Citation, **slots) -> Sentence:
        return Sentence(self.pieces(template, slots), tuple(citations))


def money(amount) -> Figure:
    return Figure(formatting.millions_of_pesos(amount), amount)


def pesos(amount) -> Figure:
    return Figure(formatting.pesos(amount, decimals=0), amount)


def people(count) -> Figure:
    return Figure(formatting.number(count), count)


def percent(value) -> Figure:
    return Figure(formatting.percent(value), value)


def times(value) -> Figure:
    return Figure(formatting.number(value, decimals=1), value)


def unknown() -> Figure:
    return Figure(formatting.unknown(), None)


def ratio(part, whole) -> Decimal | None:
    """Return part ÷ whole × 100, or None when either is unknown or the whole is 0."""
    if part is None or not whole:
        return None
    return Decimal(part) / Decimal(whole) * 100


def _figure_date(figure: DebtFigure) -> str:
    return formatting.date_with_precision(figure.as_of, figure.date_precision)


# --- Reads (a fixed number of queries per report) -------------------------------------------


@dataclasses.dataclass
class ReportData:
    state: State
    shcp: list[DebtFigure]  # SHCP's official series (total), in date order
    newer: DebtFigure | None  # the latest figure of another source after SHCP's latest
    by_debtor: list[DebtByDebtorAndPayment]
    registry: dict | None  # RPU: as_of, source, total, count, creditors [(name, balance)]
    alert: AlertSystemResult | None
    alert_evaluation: tuple[str, Source] | None  # the latest evaluation, for a state without one
    finances: list[Any]  # StateFinances annotated with debt_service_total
    converter: Converter


def _registry_snapshot(state) -> dict | None:
    """Return the RPU's latest snapshot of the state: sums by creditor (one query)."""
    source_fields = [field.attname for field in Source._meta.concrete_fields]
    rows = list(
        LoanBalance.objects.filter(
            registry_loan__state=state,
            registry_loan__registry=LoanRegistry.RPU,
            as_of=F("registry_loan__as_of"),
        )
        .values(
            "as_of",
            *(f"source__{name}" for name in source_fields),
            creditor=F("registry_loan__creditor"),
        )
        .annotate(balance=Sum("amount"), loans=Count("pk"))
        .order_by()
    )
    if not rows:
        return None
    as_of = max(row["as_of"] for row in rows)
    rows = [row for row in rows if row["as_of"] == as_of]
    by_creditor: dict[str, Decimal] = defaultdict(Decimal)
    for row in rows:
        by_creditor[row["creditor"]] += row["balance"]
    creditors = sorted(by_creditor.items(), key=lambda item: (-item[1], item[0]))
    return {
        "as_of": as_of,
        "source": Source(**{name: rows[0][f"source__{name}"] for name in source_fields}),
        "total": sum(by_creditor.values(), Decimal(0)),
        "count": sum(row["loans"] for row in rows),
        "creditors": [(name, balance) for name, balance in creditors if balance > 0],
    }


def report_data(state) -> ReportData:
    figures = list(DebtFigure.objects.for_state(state).with_source().order_by("as_of", "pk"))
    shcp = [
        figure
        for figure in figures
        if figure.source.key == SHCP_SERIES_SOURCE.key and figure.scope == Scope.TOTAL
    ]
    latest_shcp = shcp[-1].as_of if shcp else None
    others = [
        figure
        for figure in figures
        if figure not in shcp
        and figure.scope in (Scope.STATE_GOVERNMENT, Scope.TOTAL)
        and (latest_shcp is None or figure.as_of > latest_shcp)
    ]
    by_debtor = list(DebtByDebtorAndPayment.objects.for_state(state).select_related("source"))
    if by_debtor:
        last = max(row.as_of for row in by_debtor)
        by_debtor = [row for row in by_debtor if row.as_of == last]
    alerts = list(
        AlertSystemResult.objects.filter(state=state)
        .select_related("source")
        .order_by("-source__published_on", "-evaluation")
    )
    evaluation = None
    if not alerts:
        other = (
            AlertSystemResult.objects.select_related("source")
            .order_by("-source__published_on", "-evaluation")
            .first()
        )
        evaluation = (other.evaluation, other.source) if other else None
    return ReportData(
        state=state,
        shcp=shcp,
        newer=others[-1] if others else None,
        by_debtor=by_debtor,
        registry=_registry_snapshot(state),
        alert=alerts[0] if alerts else None,
        alert_evaluation=evaluation,
        finances=list(
            StateFinances.objects.for_state(state)
            .with_debt_service()
            .select_related("source")
            .order_by("year")
        ),
        converter=Converter(state),
    )


# --- The sections ---------------------------------------------------------------------------


class ReportWriter:
    def __init__(self, data: ReportData, linker: TermLinker, staff_kinds=()):
        self.data = data
        self.staff_kinds = set(staff_kinds)  # what the staff wrote is not said twice
        self.state = data.state
        self.w = Writer(linker)
        self.shcp_latest = data.shcp[-1] if data.shcp else None

    def shcp_citation(self, *figures: DebtFigure) -> Citation:
        dates = [formatting.long_date(figure.as_of) for figure in figures]
        return Citation(figures[0].source, _(" y ").join(dates))

    def population_citation(self, year: int) -> Citation:
        return Citation(
            None,
            _("mitad de %(year)s") % {"year": year},
            label=_("CONAPO, proyecciones de la población de México y de las entidades"),
        )

    # ¿Qué es la deuda pública? (only where the staff did not write it)
    def what_is_debt(self) -> list[Paragraph]:
        return [
            Paragraph(
                [
                    self.w.sentence(
                        _(
                            "La deuda pública es el dinero que el gobierno pide prestado y que "
                            "tiene que devolver, con intereses, en los años siguientes."
                        )
                    ),
                    self.w.sentence(
                        _(
                            "Cada préstamo es un empréstito, y casi siempre lo da un banco. "
                            "Mientras se paga, lo que falta por devolver es el saldo."
                        )
                    ),
                ]
            )
        ]

    # ¿Cuánto se debe y a quién?
    def how_much(self) -> list[Paragraph]:
        paragraphs = []
        latest = self.shcp_latest
        if latest:
            paragraphs.append(
                Paragraph(
                    [
                        self.w.sentence(
                            _(
                                "Según la SHCP, el %(date)s el gobierno del estado, sus "
                                "organismos y sus municipios debían %(amount)s en total."
                            ),
                            self.shcp_citation(latest),
                            date=formatting.long_date(latest.as_of),
                            amount=money(latest.amount),
                        ),
                        self.w.sentence(
                            _(
                                "Es la cifra más reciente de la serie oficial de la SHCP que "
                                "tiene este portal."
                            )
                        ),
                    ]
                )
            )
        else:
            paragraphs.append(
                Paragraph(
                    [
                        self.w.sentence(
                            _("La SHCP no da una cifra total de la deuda de %(state)s: %(none)s."),
                            state=self.state.name,
                            none=unknown(),
                        )
                    ]
                )
            )
        newer = self.data.newer
        if newer:
            template = (
                _(
                    "Hay una cifra más reciente, de otra fuente (%(date)s): la deuda del "
                    "gobierno del estado era de %(amount)s."
                )
                if newer.scope == Scope.STATE_GOVERNMENT
                else _(
                    "Hay una cifra más reciente, de otra fuente (%(date)s): la deuda del "
                    "estado y sus municipios era de %(amount)s."
                )
            )
            paragraphs.append(
                Paragraph(
                    [
                        self.w.sentence(
                            template,
                            Citation(newer.source, _figure_date(newer)),
                            date=_figure_date(newer),
                            amount=money(newer.amount),
                        )
                    ]
                )
            )
        paragraphs += self.by_debtor()
        paragraphs += self.registry()
        paragraphs += self.alert()
        return paragraphs

    def by_debtor(self) -> list[Paragraph]:
        rows = self.data.by_debtor
        if not rows:
            return []
        as_of = rows[0].as_of
        citation = Citation(rows[0].source, formatting.long_date(as_of))
        debtors: dict[str, Decimal] = defaultdict(Decimal)
        sources: dict[str, Decimal] = defaultdict(Decimal)
        for row in rows:
            debtors[row.debtor_type] += row.amount
            sources[row.payment_source] += row.amount
        total = sum(debtors.values(), Decimal(0))
        who = [
            self.w.sentence(
                _("%(who)s: %(amount)s"), citation, who=label, amount=money(debtors[kind])
            )
            for kind, label in DEBTORS.items()
            if debtors.get(kind)
        ]
        how = [
            self.w.sentence(
                _("%(how)s: %(amount)s (%(share)s)"),
                citation,
                how=label,
                amount=money(sources[kind]),
                share=percent(ratio(sources[kind], total)),
            )
            for kind, label in PAYMENT_SOURCES.items()
            if sources.get(kind)
        ]
        date = formatting.long_date(as_of)
        if not who:
            return [
                Paragraph(
                    [
                        self.w.sentence(
                            _("El %(date)s, la SHCP registraba una deuda de %(amount)s."),
                            citation,
                            date=date,
                            amount=money(total),
                        )
                    ]
                )
            ]
        return [
            Paragraph([self.w.sentence(_("¿Quién debía? Al %(date)s:"), citation, date=date)], who),
            Paragraph(
                [
                    self.w.sentence(
                        _(
                            "¿Con qué se paga? Cada crédito tiene una fuente de pago: el dinero "
                            "que se compromete para pagarlo. Al %(date)s:"
                        ),
                        citation,
                        date=date,
                    )
                ],
                how,
            ),
        ]

    def registry(self) -> list[Paragraph]:
        snapshot = self.data.registry
        if snapshot is None:
            return [
                Paragraph(
                    [
                        self.w.sentence(
                            _(
                                "El Registro Público Único de la SHCP no tiene créditos de "
                                "%(state)s: %(none)s."
                            ),
                            state=self.state.name,
                            none=unknown(),
                        )
                    ]
                )
            ]
        date = formatting.long_date(snapshot["as_of"])
        citation = Citation(snapshot["source"], date)
        count = snapshot["count"]
        paragraph = Paragraph(
            [
                self.w.sentence(
                    ngettext(
                        "La SHCP anota cada crédito en el Registro Público Único. Al "
                        "%(date)s tenía %(count)s crédito del gobierno del estado, sus "
                        "organismos y sus municipios. Su suma de saldos registrados al "
                        "%(date)s es %(total)s.",
                        "La SHCP anota cada crédito en el Registro Público Único. Al "
                        "%(date)s tenía %(count)s créditos del gobierno del estado, sus "
                        "organismos y sus municipios. Su suma de saldos registrados al "
                        "%(date)s es %(total)s.",
                        count,
                    ),
                    citation,
                    date=date,
                    count=people(count),
                    total=money(snapshot["total"]),
                ),
                self.w.sentence(
                    _(
                        "Esa suma no es la deuda total: el registro no incluye todas las "
                        "obligaciones."
                    )
                ),
            ]
        )
        top = snapshot["creditors"][:TOP_CREDITORS]
        if top:
            paragraph.sentences.append(
                self.w.sentence(
                    ngettext(
                        "A quién se le debe (suma de saldos registrados al %(date)s):",
                        "A quién se le debe más (los acreedores con más saldo; suma de saldos "
                        "registrados al %(date)s):",
                        len(top),
                    ),
                    citation,
                    date=date,
                )
            )
            paragraph.items = [
                self.w.sentence(
                    _("%(creditor)s: %(amount)s"), citation, creditor=name, amount=money(balance)
                )
                for name, balance in top
            ]
        return [paragraph]

    def alert(self) -> list[Paragraph]:
        result = self.data.alert
        if result:
            citation = Citation(result.source, result.evaluation)
            return [
                Paragraph(
                    [
                        self.w.sentence(
                            _(
                                "Cada año, la SHCP revisa si la deuda de cada estado se puede "
                                "pagar: es su Sistema de Alertas. En la %(evaluation)s midió "
                                "una deuda y obligaciones de %(amount)s, y su resultado fue "
                                "«%(result)s»."
                            ),
                            citation,
                            evaluation=result.evaluation,
                            amount=money(result.debt_and_obligations),
                            result=result.get_result_display(),
                        )
                    ]
                )
            ]
        if self.data.alert_evaluation is None:
            return []
        evaluation, source = self.data.alert_evaluation
        return [
            Paragraph(
                [
                    self.w.sentence(
                        _(
                            "La SHCP no publicó un resultado del Sistema de Alertas de la "
                            "%(evaluation)s para %(state)s: %(none)s. Ese sistema sólo revisa "
                            "a los gobiernos con deuda inscrita en el Registro Público Único."
                        ),
                        Citation(source, evaluation),
                        evaluation=evaluation,
                        state=self.state.name,
                        none=unknown(),
                    )
                ]
            )
        ]

    # ¿Cómo ha cambiado?
    def year_ends(self) -> tuple[DebtFigure, DebtFigure] | None:
        """Return SHCP's year-end balance ten years before its latest one (or its earliest)."""
        year_ends = [f for f in self.data.shcp if (f.as_of.month, f.as_of.day) == (12, 31)]
        if len(year_ends) < 2:
            return None
        late = year_ends[-1]
        target = late.as_of.year - YEARS_COMPARED
        early = next((f for f in year_ends if f.as_of.year == target), year_ends[0])
        return early, late

    def change(self, early, late) -> list:
        """The words for how a value went from early to late (a Figure inside)."""
        if early is None or late is None:
            return [_("no se puede comparar: "), unknown()]
        if early == 0:
            return [_("antes no había deuda registrada") if late else _("no cambió")]
        factor = Decimal(late) / Decimal(early)
        if factor >= 2:
            return [_("se multiplicó por "), times(factor)]
        if factor > 1:
            return [_("creció "), percent((factor - 1) * 100)]
        if factor < 1:
            return [_("bajó "), percent((1 - factor) * 100)]
        return [_("no cambió")]

    def how_changed(self) -> list[Paragraph]:
        pair = self.year_ends()
        if pair is None:
            return [
                Paragraph(
                    [
                        self.w.sentence(
                            _(
                                "No hay dos cifras de fin de año de la SHCP para comparar: "
                                "%(none)s."
                            ),
                            none=unknown(),
                        )
                    ]
                )
            ]
        early, late = pair
        converter = self.data.converter
        citation = self.shcp_citation(early, late)
        years = late.as_of.year - early.as_of.year
        nominal = Paragraph(
            [
                self.w.sentence(
                    _(
                        "Según la SHCP, el %(early_date)s se debían %(early)s. El %(late_date)s "
                        "se debían %(late)s. En %(years)s años, la deuda %(change)s (en pesos "
                        "de cada año)."
                    ),
                    citation,
                    early_date=formatting.long_date(early.as_of),
                    early=money(early.amount),
                    late_date=formatting.long_date(late.as_of),
                    late=money(late.amount),
                    years=str(years),
                    change=self.change(early.amount, late.amount),
                )
            ]
        )
        early_real = converter.convert(
            early.amount, early.as_of, early.date_precision, Measure.REAL
        )
        late_real = converter.convert(late.amount, late.as_of, late.date_precision, Measure.REAL)
        inpc = Citation(
            None,
            _("promedio de %(base)s; %(early)s y %(late)s")
            % {
                "base": converter.base_year,
                "early": formatting.month_year(early.as_of),
                "late": formatting.month_year(late.as_of),
            },
            label=_("INEGI, Índice Nacional de Precios al Consumidor (INPC)"),
        )
        real = Paragraph(
            [
                self.w.sentence(
                    _(
                        "Pero los precios también suben con los años. Si quitamos la inflación "
                        "y lo contamos todo en pesos de %(base)s, la deuda pasó de %(early)s a "
                        "%(late)s: %(change)s."
                    ),
                    citation,
                    inpc,
                    base=str(converter.base_year),
                    early=money(early_real),
                    late=money(late_real),
                    change=self.change(early_real, late_real),
                )
            ]
        )
        paragraphs = [nominal, real]
        highest = max(self.data.shcp, key=lambda figure: (figure.amount, figure.as_of))
        if highest.as_of != late.as_of and highest.amount > late.amount:
            paragraphs.append(
                Paragraph(
                    [
                        self.w.sentence(
                            _("El saldo más alto de esa serie fue el del %(date)s: %(amount)s."),
                            self.shcp_citation(highest),
                            date=formatting.long_date(highest.as_of),
                            amount=money(highest.amount),
                        )
                    ]
                )
            )
        return paragraphs

    # ¿Cuánto nos toca a cada persona?
    def per_person_sentence(self, figure: DebtFigure, template: str) -> Sentence:
        year = figure.as_of.year
        population = self.data.converter.population.get(year)
        share = self.data.converter.convert(
            figure.amount, figure.as_of, figure.date_precision, Measure.PER_PERSON
        )
        return self.w.sentence(
            template,
            Citation(figure.source, _figure_date(figure)),
            self.population_citation(year),
            amount=money(figure.amount),
            date=_figure_date(figure),
            people=people(population),
            state=self.state.name,
            year=str(year),
            share=pesos(share),
        )

    def per_person(self) -> list[Paragraph]:
        paragraphs = []
        if self.shcp_latest:
            paragraphs.append(
                Paragraph(
                    [
                        self.per_person_sentence(
                            self.shcp_latest,
                            _(
                                "Si repartimos los %(amount)s que se debían el %(date)s entre "
                                "las %(people)s personas que vivían en %(state)s a mitad de "
                                "%(year)s, a cada una le tocan %(share)s."
                            ),
                        )
                    ]
                )
            )
        if self.data.newer:
            paragraphs.append(
                Paragraph(
                    [
                        self.per_person_sentence(
                            self.data.newer,
                            _(
                                "Con la cifra más reciente (%(amount)s, %(date)s) y las "
                                "%(people)s personas de %(year)s, tocan %(share)s a cada una."
                            ),
                        )
                    ]
                )
            )
        if paragraphs and ReportSectionKind.PER_PERSON not in self.staff_kinds:
            paragraphs.append(
                Paragraph(
                    [
                        self.w.sentence(
                            _(
                                "Nadie recibe un recibo por esa cantidad: la deuda se paga con "
                                "dinero público que también podría ir a escuelas, salud u obras."
                            )
                        )
                    ]
                )
            )
        return paragraphs

    # ¿Cómo se paga?
    def service_years(self) -> list[ServiceYear]:
        rows = []
        for finances in self.data.finances:
            service = finances.debt_service_total
            # INEGI lists only the concepts with an amount: once any part is known, a missing
            # part is 0 (debt.models.DEBT_SERVICE_PARTS). None of them: the year is unknown.
            parts = {
                part: (getattr(finances, part) or Decimal(0)) if service is not None else None
                for part in DEBT_SERVICE_PARTS
            }
            other = (
                None if service is None else parts["fees"] + parts["expenses"] + parts["hedging"]  # type: ignore[operator]
            )
            rows.append(
                ServiceYear(
                    year=finances.year,
                    preliminary="preliminar" in finances.inegi_status.casefold(),
                    debt_service=money(service),
                    amortization=money(parts["amortization"]),
                    interest=money(parts["interest"]),
                    other=money(other),
                    participaciones=money(finances.participaciones),
                    share_of_participaciones=percent(ratio(service, finances.participaciones)),
                )
            )
        return rows

    def finances_citation(self, years: list[int]) -> Citation:
        finances = self.data.finances
        period = (
            str(years[0])
            if len(years) == 1
            else _("%(first)s a %(last)s") % {"first": years[0], "last": years[-1]}
        )
        preliminary = [f.year for f in finances if "preliminar" in f.inegi_status.casefold()]
        preliminary = [year for year in preliminary if year in years]
        if preliminary == years:
            period = _("%(period)s (cifras preliminares)") % {"period": period}
        elif preliminary:
            period = _("%(period)s (%(years)s: cifras preliminares)") % {
                "period": period,
                "years": ", ".join(str(year) for year in preliminary),
            }
        return Citation(finances[0].source, period)

    def how_paid(self) -> tuple[list[Paragraph], list[ServiceYear], Citation | None]:
        finances = self.data.finances
        if not finances:
            template = (
                _(
                    "INEGI publica las finanzas de la Ciudad de México aparte de las de los otros "
                    "estados, y este portal todavía no tiene ese archivo. Por eso, lo que pagó "
                    "por su deuda dice %(none)s."
                )
                if self.state.cve_ent == MEXICO_CITY
                else _(
                    "No tenemos las cifras de INEGI de lo que %(state)s pagó por su deuda. Por "
                    "eso dice %(none)s."
                )
            )
            return (
                [Paragraph([self.w.sentence(template, state=self.state.name, none=unknown())])],
                [],
                None,
            )
        years = [f.year for f in finances]
        table_citation = self.finances_citation(years)
        intro = self.w.sentence(
            _(
                "Pagar la deuda cuesta cada año. Lo que se paga se llama servicio de la deuda: "
                "la amortización (lo que se devuelve de lo que se pidió prestado), los "
                "intereses (lo que cobra quien presta) y las comisiones, gastos y coberturas."
            )
        )
        known = [f for f in finances if f.debt_service_total is not None]
        paragraphs = []
        if not known:
            # A table of «sin dato» would only be read to learn that: one sentence says it, and
            # the participaciones, which INEGI does give, are said with it.
            last = finances[-1]
            paragraphs.append(
                Paragraph(
                    [
                        intro,
                        self.w.sentence(
                            _(
                                "INEGI no registra pagos de deuda del gobierno de %(state)s de "
                                "%(first)s a %(last)s. Por eso el servicio de la deuda dice "
                                "%(none)s: no sabemos si fue cero."
                            ),
                            table_citation,
                            state=self.state.name,
                            first=str(years[0]),
                            last=str(years[-1]),
                            none=unknown(),
                        ),
                        self.w.sentence(
                            _(
                                "Para comparar: en %(year)s recibió %(participaciones)s de "
                                "participaciones federales, el dinero que suele garantizar los "
                                "créditos."
                            ),
                            self.finances_citation([last.year]),
                            year=str(last.year),
                            participaciones=money(last.participaciones),
                        ),
                    ]
                )
            )
            return paragraphs, [], None
        else:
            latest = known[-1]
            citation = self.finances_citation([latest.year])
            paragraphs.append(
                Paragraph(
                    [
                        intro,
                        self.w.sentence(
                            _(
                                "En %(year)s, el gobierno del estado pagó %(service)s por su "
                                "deuda: %(parts)s."
                            ),
                            citation,
                            year=str(latest.year),
                            service=money(latest.debt_service_total),
                            parts=self.service_parts(latest),
                        ),
                    ]
                )
            )
            paragraphs.append(self.participaciones(latest, citation))
            highest = max(known, key=lambda f: (f.debt_service_total, f.year))
            if highest.year != latest.year:
                paragraphs.append(self.highest_year(highest))
            paragraphs.append(self.adefas(latest, citation))
        return paragraphs, self.service_years(), table_citation

    def service_parts(self, finances) -> list:
        """«$A de amortización, $I de intereses y $O de comisiones…»: only what INEGI lists."""
        other = [finances.fees, finances.expenses, finances.hedging]
        parts = [
            (finances.amortization, _("de amortización")),
            (finances.interest, _("de intereses")),
            (
                None if all(v is None for v in other) else sum(v or 0 for v in other),
                _("de comisiones, gastos y coberturas"),
            ),
        ]
        listed = [(money(amount), words) for amount, words in parts if amount is not None]
        words: list = []
        for index, (figure, what) in enumerate(listed):
            if index:
                words.append(_(" y ") if index == len(listed) - 1 else ", ")
            words += [figure, " ", what]
        return words

    def participaciones(self, finances, citation) -> Paragraph:
        return Paragraph(
            [
                self.w.sentence(
                    _(
                        "Ese año recibió %(participaciones)s de participaciones federales. Lo "
                        "que pagó por su deuda fue el %(share)s de esas participaciones. Importa "
                        "porque las participaciones son la fuente de pago y la garantía de "
                        "muchos créditos: si el estado no paga, el banco cobra de ellas."
                    ),
                    citation,
                    participaciones=money(finances.participaciones),
                    share=percent(ratio(finances.debt_service_total, finances.participaciones)),
                )
            ]
        )

    def highest_year(self, finances) -> Paragraph:
        citation = self.finances_citation([finances.year])
        sentences = [
            self.w.sentence(
                _(
                    "El año en que más pagó fue %(year)s: %(service)s, el %(share)s de sus "
                    "participaciones."
                ),
                citation,
                year=str(finances.year),
                service=money(finances.debt_service_total),
                share=percent(ratio(finances.debt_service_total, finances.participaciones)),
            )
        ]
        if finances.borrowing:
            sentences.append(
                self.w.sentence(
                    _(
                        "Ese mismo año recibió %(borrowing)s en créditos nuevos: cuando un "
                        "crédito nuevo paga uno viejo, se llama refinanciamiento."
                    ),
                    citation,
                    borrowing=money(finances.borrowing),
                )
            )
        return Paragraph(sentences)

    def adefas(self, finances, citation) -> Paragraph:
        if finances.adefas:
            sentence = self.w.sentence(
                _(
                    "El capítulo de deuda pública del presupuesto también tiene los ADEFAS "
                    "(adeudos de ejercicios fiscales anteriores): cuentas de años pasados que se "
                    "pagaron en %(year)s, %(adefas)s. No son servicio de la deuda, así que no "
                    "los sumamos."
                ),
                citation,
                year=str(finances.year),
                adefas=money(finances.adefas),
            )
        else:
            sentence = self.w.sentence(
                _(
                    "El capítulo de deuda pública del presupuesto también puede tener ADEFAS "
                    "(adeudos de ejercicios fiscales anteriores): cuentas de años pasados. No "
                    "son servicio de la deuda, así que no los sumamos."
                )
            )
        return Paragraph([sentence])

    def key_figures(self) -> list[KeyFigure]:
        def note(source, day: str) -> str:
            return f"{source.reported_by}, {day}"

        latest, newer = self.shcp_latest, self.data.newer
        figures = [
            KeyFigure(
                _("Deuda total según la SHCP"),
                money(latest.amount) if latest else unknown(),
                note(latest.source, formatting.long_date(latest.as_of)) if latest else "",
            )
        ]
        if newer:
            figures.append(
                KeyFigure(
                    _("Cifra más reciente"),
                    money(newer.amount),
                    note(newer.source, _figure_date(newer)),
                )
            )
        newest = newer or latest
        figures.append(
            KeyFigure(
                _("Por persona"),
                pesos(
                    self.data.converter.convert(
                        newest.amount, newest.as_of, newest.date_precision, Measure.PER_PERSON
                    )
                    if newest
                    else None
                ),
                (
                    _("con la cifra del %(date)s")
                    if newest.date_precision == DatePrecision.DAY
                    else _("con la cifra de %(date)s")
                )
                % {"date": _figure_date(newest)}
                if newest
                else "",
            )
        )
        snapshot = self.data.registry
        if snapshot:
            figures.append(
                KeyFigure(
                    _("Suma de saldos registrados (Registro Público Único)"),
                    money(snapshot["total"]),
                    note(
                        snapshot["source"],
                        _("al %(date)s") % {"date": formatting.long_date(snapshot["as_of"])},
                    ),
                )
            )
        return figures


def _merge(staff_sections, generated: dict[str, Section], linker) -> list[Section]:
    """Staff sections in their order, each with the generated figures of its kind after the
    staff text; generated-only sections where their question comes in SECTION_ORDER."""
    sections = []
    for staff in staff_sections:
        section = generated.pop(staff.kind, None) or Section(staff.kind, staff.get_kind_display())
        section.staff_paragraphs = link_terms(staff.body, linker)
        sections.append(section)
    for kind in SECTION_ORDER:
        if kind not in generated:
            continue
        rank = SECTION_ORDER.index(kind)
        position = 0
        for index, section in enumerate(sections):
            if SECTION_ORDER.index(section.kind) < rank:
                position = index + 1
        sections.insert(position, generated[kind])
    return sections


def citizen_report_for(state) -> CitizenReportPage:
    """Return the whole report of a state: staff text first, then the official figures."""
    report, staff_sections = selectors.published_citizen_report_and_sections(state)
    glossary = selectors.glossary()
    linker = TermLinker(glossary)
    writer = ReportWriter(
        report_data(state), linker, staff_kinds=[section.kind for section in staff_sections]
    )
    paid, service_years, service_citation = writer.how_paid()
    generated = {
        ReportSectionKind.WHAT_IS_DEBT: Section(
            ReportSectionKind.WHAT_IS_DEBT, paragraphs=writer.what_is_debt(), title=""
        ),
        ReportSectionKind.HOW_MUCH: Section(
            ReportSectionKind.HOW_MUCH, "", paragraphs=writer.how_much()
        ),
        HOW_CHANGED: Section(HOW_CHANGED, "", paragraphs=writer.how_changed()),
        ReportSectionKind.PER_PERSON: Section(
            ReportSectionKind.PER_PERSON, "", paragraphs=writer.per_person()
        ),
        ReportSectionKind.HOW_PAID: Section(
            ReportSectionKind.HOW_PAID,
            "",
            paragraphs=paid,
            service_years=service_years,
            service_citation=service_citation,
        ),
        ReportSectionKind.HOW_TO_FOLLOW: Section(ReportSectionKind.HOW_TO_FOLLOW, ""),
    }
    if any(section.kind == ReportSectionKind.WHAT_IS_DEBT for section in staff_sections):
        # The staff's own explanation replaces the general one.
        del generated[ReportSectionKind.WHAT_IS_DEBT]
    for kind, section in generated.items():
        section.title = str(SECTION_TITLES[kind])
    loans_in_force = list(
        Loan.objects.for_state(state).in_force().select_related("state").order_by("signed_on")
    )
    return CitizenReportPage(
        report=report,
        key_figures=writer.key_figures(),
        sections=_merge(staff_sections, generated, linker),
        glossary=glossary,
        loans_in_force=loans_in_force,
    )
