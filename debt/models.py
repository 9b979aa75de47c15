"""Public debt of a state: sourced figures, loans and their balances, reference series, report."""

import functools
import operator
from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import formatting
from core.models import DatePrecision
from states.models import State

MONEY = {"max_digits": 18, "decimal_places": 2}


class Scope(models.TextChoices):
    STATE_GOVERNMENT = "state_government", _("Gobierno del estado")
    MUNICIPALITIES = "municipalities", _("Municipios")
    TOTAL = "total", _("Total (estado, municipios y organismos)")


class MicrositeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def get_by_natural_key(self, cve_ent):
        return self.get(state__cve_ent=cve_ent)


class DebtMicrosite(models.Model):
    """A state's «Follow the Money» debt microsite: only published ones are public."""

    state = models.OneToOneField(
        State, verbose_name=_("estado"), on_delete=models.PROTECT, related_name="debt_microsite"
    )
    is_published = models.BooleanField(_("publicado"), default=False)
    welcome = models.TextField(_("bienvenida"), blank=True)
    history_note = models.TextField(
        _("nota sobre la deuda histórica"),
        blank=True,
        help_text=_("Qué falta en la serie y por qué, en lenguaje claro."),
    )

    objects = MicrositeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("micrositio de deuda")
        verbose_name_plural = _("micrositios de deuda")
        ordering = ["state__name"]

    def __str__(self):
        return str(self.state)

    def get_absolute_url(self):
        return reverse("debt:microsite", kwargs={"state": self.state.slug})

    def natural_key(self):
        return self.state.natural_key()

    natural_key.dependencies = ["states.state"]


class DebtFigureQuerySet(models.QuerySet):
    def for_state(self, state):
        return self.filter(state=state)

    def with_source(self):
        return self.select_related("source", "state")

    def chronological(self):
        return self.order_by("as_of", "scope", "source__reported_by")


class DebtFigure(models.Model):
    """How much a state (or its municipalities) owed on a date, according to one source.

    Two sources can give different amounts for the same date: both are kept.
    """

    state = models.ForeignKey(
        State, verbose_name=_("estado"), on_delete=models.PROTECT, related_name="debt_figures"
    )
    as_of = models.DateField(_("fecha a la que se refiere"))
    date_precision = models.CharField(
        _("precisión de la fecha"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    scope = models.CharField(_("alcance"), max_length=20, choices=Scope.choices)
    amount = models.DecimalField(_("monto (pesos)"), **MONEY, validators=[MinValueValidator(0)])
    source = models.ForeignKey(
        "portal.Source", verbose_name=_("fuente"), on_delete=models.PROTECT, related_name="+"
    )
    notes = models.TextField(_("notas"), blank=True)
    created_at = models.DateTimeField(_("publicado en el portal"), auto_now_add=True)

    objects = DebtFigureQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cifra de deuda")
        verbose_name_plural = _("cifras de deuda")
        ordering = ["state", "as_of", "scope"]
        constraints = [
            models.UniqueConstraint(
                fields=["state", "as_of", "scope", "source"], name="one_figure_per_source_and_date"
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="debt_amount_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.state} · {self.as_of} · {self.get_scope_display()}"


class RateType(models.TextChoices):
    FIXED = "fixed", _("Fija")
    VARIABLE = "variable", _("Variable")
    UNKNOWN = "unknown", _("sin dato")


class LoanStatus(models.TextChoices):
    IN_FORCE = "in_force", _("Vigente")
    REFINANCED = "refinanced", _("Refinanciado")
    PAID = "paid", _("Pagado")
    UNKNOWN = "unknown", _("sin dato")


class LoanQuerySet(models.QuerySet):
    def for_state(self, state):
        return self.filter(state=state)

    def in_force(self):
        return self.filter(status=LoanStatus.IN_FORCE)

    def with_latest_balance(self):
        """Annotate the most recent balance and its date (one query, no N+1)."""
        latest = LoanBalance.objects.filter(loan=models.OuterRef("pk")).order_by("-as_of")
        return self.annotate(
            latest_balance=models.Subquery(latest.values("amount")[:1]),
            latest_balance_as_of=models.Subquery(latest.values("as_of")[:1]),
        )


class Loan(models.Model):
    """A loan (crédito) of a state: who lent, how much, on what terms, paid from what."""

    state = models.ForeignKey(
        State, verbose_name=_("estado"), on_delete=models.PROTECT, related_name="loans"
    )
    creditor = models.CharField(_("acreedor"), max_length=120)
    label = models.CharField(_("crédito"), max_length=160)
    signed_on = models.DateField(_("fecha de firma"), null=True, blank=True)
    signed_precision = models.CharField(
        _("precisión de la fecha de firma"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    amount_contracted = models.DecimalField(
        _("monto contratado (pesos)"), **MONEY, null=True, blank=True
    )
    term = models.CharField(_("plazo"), max_length=120, blank=True)
    rate_type = models.CharField(
        _("tipo de tasa"), max_length=10, choices=RateType.choices, default=RateType.UNKNOWN
    )
    rate = models.CharField(
        _("tasa"), max_length=200, blank=True, help_text=_("Como la da la fuente: TIIE + 1.70.")
    )
    payment_source = models.CharField(_("fuente de pago"), max_length=200, blank=True)
    purpose = models.CharField(_("destino"), max_length=300, blank=True)
    status = models.CharField(
        _("situación"), max_length=12, choices=LoanStatus.choices, default=LoanStatus.UNKNOWN
    )
    refinanced_by = models.ManyToManyField(
        "self",
        verbose_name=_("refinanciado con"),
        symmetrical=False,
        related_name="refinanced_loans",
        blank=True,
    )
    source = models.ForeignKey(
        "portal.Source", verbose_name=_("fuente"), on_delete=models.PROTECT, related_name="+"
    )
    notes = models.TextField(_("notas"), blank=True)

    objects = LoanQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[refinanced_by])

    class Meta:
        verbose_name = _("crédito")
        verbose_name_plural = _("créditos")
        ordering = ["state", "signed_on", "creditor"]
        constraints = [
            models.UniqueConstraint(
                fields=["state", "creditor", "label"], name="one_loan_per_creditor_and_label"
            ),
        ]

    def __str__(self):
        return f"{self.creditor}: {self.label}"

    def get_absolute_url(self):
        return reverse("debt:loan", kwargs={"state": self.state.slug, "pk": self.pk})


class LoanBalance(models.Model):
    """What was still owed on a loan (or on an entry of an official registry) on a date."""

    loan = models.ForeignKey(
        Loan,
        verbose_name=_("crédito"),
        on_delete=models.CASCADE,
        related_name="balances",
        null=True,
        blank=True,
    )
    # A balance belongs to exactly one of the two: a loan of the microsite, or an entry of an
    # official registry snapshot (see RegistryLoan for why those are not Loans).
    registry_loan = models.ForeignKey(
        "RegistryLoan",
        verbose_name=_("registro oficial"),
        on_delete=models.CASCADE,
        related_name="balances",
        null=True,
        blank=True,
    )
    as_of = models.DateField(_("fecha"))
    amount = models.DecimalField(_("saldo (pesos)"), **MONEY, validators=[MinValueValidator(0)])
    source = models.ForeignKey(
        "portal.Source", verbose_name=_("fuente"), on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("saldo")
        verbose_name_plural = _("saldos")
        ordering = ["loan", "registry_loan", "as_of"]
        constraints = [
            models.UniqueConstraint(
                fields=["loan", "as_of", "source"], name="one_balance_per_source_and_date"
            ),
            models.UniqueConstraint(
                fields=["registry_loan", "as_of", "source"],
                name="one_registry_balance_per_source_and_date",
            ),
            models.CheckConstraint(
                condition=models.Q(loan__isnull=False, registry_loan__isnull=True)
                | models.Q(loan__isnull=True, registry_loan__isnull=False),
                name="balance_of_a_loan_or_a_registry_entry",
            ),
        ]

    def __str__(self):
        return f"{self.loan or self.registry_loan} · {self.as_of}"


class ConsumerPriceIndex(models.Model):
    """INEGI's INPC for one month (base: 2nd half of July 2018 = 100)."""

    month = models.DateField(_("mes"), unique=True, help_text=_("Primer día del mes."))
    value = models.DecimalField(_("INPC"), max_digits=14, decimal_places=9)

    class Meta:
        verbose_name = _("INPC mensual")
        verbose_name_plural = _("INPC mensual")
        ordering = ["month"]

    def __str__(self):
        return f"{self.month:%Y-%m}: {self.value}"


class Population(models.Model):
    """CONAPO population of a state (or the nation, when state is empty) in a year."""

    state = models.ForeignKey(
        State, verbose_name=_("estado"), on_delete=models.CASCADE, null=True, blank=True
    )
    year = models.PositiveSmallIntegerField(_("año"))
    start_of_year = models.PositiveIntegerField(_("población al inicio del año"))
    mid_year = models.PositiveIntegerField(_("población a mitad de año"))

    class Meta:
        verbose_name = _("población")
        verbose_name_plural = _("población")
        ordering = ["state", "year"]
        constraints = [
            models.UniqueConstraint(fields=["state", "year"], name="one_population_per_year"),
        ]

    def __str__(self):
        return f"{self.state or 'Nacional'} {self.year}"


class StateGDP(models.Model):
    """INEGI state GDP for a year, in pesos at current prices and at 2018 prices."""

    state = models.ForeignKey(State, verbose_name=_("estado"), on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField(_("año"))
    current_prices = models.DecimalField(_("PIB a precios corrientes (pesos)"), **MONEY)
    prices_2018 = models.DecimalField(_("PIB a precios de 2018 (pesos)"), **MONEY)
    revised = models.BooleanField(_("cifra revisada"), default=False)

    class Meta:
        verbose_name = _("PIB estatal")
        verbose_name_plural = _("PIB estatal")
        ordering = ["state", "year"]
        constraints = [
            models.UniqueConstraint(fields=["state", "year"], name="one_gdp_per_state_year"),
        ]

    def __str__(self):
        return f"{self.state} {self.year}"


class GlossaryTermQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class GlossaryTerm(models.Model):
    """A word of the citizen report, explained; linked wherever it appears in the report."""

    term = models.CharField(_("término"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    definition = models.TextField(_("definición"))
    other_forms = models.TextField(
        _("otras formas"),
        blank=True,
        help_text=_("Plurales y variantes, una por línea: empréstitos, participación."),
    )

    objects = GlossaryTermQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("término del glosario")
        verbose_name_plural = _("glosario")
        ordering = ["term"]

    def __str__(self):
        return self.term

    def natural_key(self):
        return (self.slug,)

    def forms(self):
        """Return every form of the term that should link to it, longest first."""
        extra = [line.strip() for line in self.other_forms.splitlines() if line.strip()]
        return sorted({self.term, *extra}, key=len, reverse=True)


class CitizenReportQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def get_by_natural_key(self, cve_ent, year):
        return self.get(state__cve_ent=cve_ent, year=year)


class CitizenReport(models.Model):
    """The Informe Ciudadano of a state for a year: how its debt is managed, in plain Spanish."""

    state = models.ForeignKey(
        State, verbose_name=_("estado"), on_delete=models.PROTECT, related_name="citizen_reports"
    )
    year = models.PositiveSmallIntegerField(_("año"))
    title = models.CharField(_("título"), max_length=200)
    summary = models.TextField(_("resumen"), blank=True)
    pdf = models.FileField(_("PDF"), upload_to="informes/", blank=True)
    is_published = models.BooleanField(_("publicado"), default=False)
    updated_at = models.DateTimeField(_("actualizado"), auto_now=True)

    objects = CitizenReportQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("informe ciudadano")
        verbose_name_plural = _("informes ciudadanos")
        ordering = ["state", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["state", "year"], name="one_report_per_state_year"),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.state.cve_ent, self.year)

    natural_key.dependencies = ["states.state"]


class ReportSectionKind(models.TextChoices):
    WHAT_IS_DEBT = "what_is_debt", _("¿Qué es la deuda pública?")
    HOW_MUCH = "how_much", _("¿Cuánto se debe y a quién?")
    USED_FOR = "used_for", _("¿En qué se usó?")
    PER_PERSON = "per_person", _("¿Cuánto nos toca a cada persona?")
    HOW_PAID = "how_paid", _("¿Cómo se paga?")
    HOW_TO_FOLLOW = "how_to_follow", _("¿Cómo le doy seguimiento?")


class CitizenReportSectionQuerySet(models.QuerySet):
    def get_by_natural_key(self, cve_ent, year, kind):
        return self.get(report__state__cve_ent=cve_ent, report__year=year, kind=kind)


class CitizenReportSection(models.Model):
    report = models.ForeignKey(
        CitizenReport, verbose_name=_("informe"), on_delete=models.CASCADE, related_name="sections"
    )
    kind = models.CharField(_("sección"), max_length=20, choices=ReportSectionKind.choices)
    order = models.PositiveSmallIntegerField(_("orden"), default=0)
    body = models.TextField(
        _("texto"), help_text=_("Párrafos separados por una línea en blanco. Sin HTML.")
    )

    objects = CitizenReportSectionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sección del informe")
        verbose_name_plural = _("secciones del informe")
        ordering = ["report", "order"]
        constraints = [
            models.UniqueConstraint(fields=["report", "kind"], name="one_section_per_kind"),
        ]

    def __str__(self):
        return str(self.get_kind_display())

    def natural_key(self):
        return (*self.report.natural_key(), self.kind)

    natural_key.dependencies = ["debt.citizenreport"]


# Official datasets of SHCP and INEGI for all 32 states (fixtures/official/, debt/README.md).
# They are reference data loaded from official files, like INPC, population and GDP: corrected
# by importing the corrected file, so they keep no edit history of their own.


class NationalQuerySet(models.QuerySet):
    """Rows that are either a state's or, with an empty state, the national total."""

    def for_state(self, state):
        return self.filter(state=state)

    def national(self):
        return self.filter(state__isnull=True)


def _state_or_national_constraints(prefix: str, fields: list[str]) -> list:
    """Unique `fields` per state, and once more for the national row (empty state).

    Two partial constraints instead of one: NULLs are distinct in a plain unique constraint
    (SQLite, PostgreSQL < 15), so it would let the national row be stored twice.
    """
    return [
        models.UniqueConstraint(
            fields=["state", *fields],
            condition=models.Q(state__isnull=False),
            name=f"{prefix}_one_per_state",
        ),
        models.UniqueConstraint(
            fields=fields, condition=models.Q(state__isnull=True), name=f"{prefix}_one_national"
        ),
    ]


class NationalDebtFigure(models.Model):
    """SHCP's national total of what states, municipalities and their bodies owed on a date.

    Not a DebtFigure with an empty state: every page, chart and CSV that reads DebtFigure works
    state by state and relies on its state being set (the microsites, their feeds, the open-data
    downloads). A national row there would reach all of them; here it is read only where asked.
    """

    as_of = models.DateField(_("fecha a la que se refiere"))
    date_precision = models.CharField(
        _("precisión de la fecha"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    scope = models.CharField(_("alcance"), max_length=20, choices=Scope.choices)
    amount = models.DecimalField(_("monto (pesos)"), **MONEY, validators=[MinValueValidator(0)])
    source = models.ForeignKey(
        "portal.Source", verbose_name=_("fuente"), on_delete=models.PROTECT, related_name="+"
    )
    notes = models.TextField(_("notas"), blank=True)

    class Meta:
        verbose_name = _("cifra de deuda nacional")
        verbose_name_plural = _("cifras de deuda nacional")
        ordering = ["as_of", "scope"]
        constraints = [
            models.UniqueConstraint(
                fields=["as_of", "scope", "source"], name="one_national_figure_per_source_and_date"
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="national_debt_amount_not_negative"
            ),
        ]

    def __str__(self):
        return f"Nacional · {self.as_of} · {self.get_scope_display()}"


class DebtShareOfGDP(models.Model):
    """A state's debt balance as % of its GDP, as SHCP computed it (national: empty state).

    SHCP's own figure, kept beside the portal's conversion (debt ÷ INEGI GDP), which uses
    another GDP release and can differ.
    """

    state = models.ForeignKey(
        State, verbose_name=_("estado"), on_delete=models.PROTECT, null=True, blank=True
    )
    as_of = models.DateField(_("fecha a la que se refiere"))
    percent = models.DecimalField(
        _("% del PIB estatal"), max_digits=8, decimal_places=4, help_text=_("2.5 = 2.5 %")
    )
    source = models.ForeignKey(
        "portal.Source", verbose_name=_("fuente"), on_delete=models.PROTECT, related_name="+"
    )

    objects = NationalQuerySet.as_manager()

    class Meta:
        verbose_name = _("deuda como % del PIB (SHCP)")
        verbose_name_plural = _("deuda como % del PIB (SHCP)")
        ordering = ["state", "as_of"]
        constraints = _state_or_national_constraints("debt_share_of_gdp", ["as_of", "source"])

    def __str__(self):
        return f"{self.state or 'Nacional'} · {self.as_of} · {self.percent} %"


class DebtorType(models.TextChoices):
    """Who owes, in SHCP's breakdown of state debt."""

    STATE_GOVERNMENT = "state_government", _("Gobierno estatal")
    STATE_BODY = "state_body", _("Organismo estatal")
    MUNICIPALITY = "municipality", _("Municipio")
    MUNICIPAL_BODY = "municipal_body", _("Organismo municipal")


class PaymentSource(models.TextChoices):
    """What a debt is paid from (or guaranteed with), in SHCP's breakdown."""

    PARTICIPACIONES = "participaciones", _("Participaciones federales")
    APORTACIONES = "aportaciones", _("Aportaciones federales")
    OWN_REVENUE = "own_revenue", _("Ingresos propios")


class DebtByDebtorAndPayment(models.Model):
    """The balance owed on a date by one kind of debtor, paid from one source (SHCP).

    One row per state × debtor × source of payment. Subtotals (per debtor, per state) are sums
    of these rows and are not stored: SHCP's printed subtotals differ from them only by its
    rounding to 0.1 million, which the importer checks.
    """

    state = models.ForeignKey(
        State, verbose_name=_("estado"), on_delete=models.PROTECT, null=True, blank=True
    )
    as_of = models.DateField(_("fecha a la que se refiere"))
    debtor_type = models.CharField(_("acreditado"), max_length=20, choices=DebtorType.choices)
    payment_source = models.CharField(
        _("fuente de pago"), max_length=20, choices=PaymentSource.choices
    )
    amount = models.DecimalField(_("saldo (pesos)"), **MONEY, validators=[MinValueValidator(0)])
    source = models.ForeignKey(
        "portal.Source", verbose_name=_("fuente"), on_delete=models.PROTECT, related_name="+"
    )

    objects = NationalQuerySet.as_manager()

    class Meta:
        verbose_name = _("deuda por acreditado y fuente de pago")
        verbose_name_plural = _("deuda por acreditado y fuente de pago")
        ordering = ["state", "as_of", "debtor_type", "payment_source"]
        constraints = _state_or_national_constraints(
            "debt_by_debtor", ["as_of", "debtor_type", "payment_source", "source"]
        )

    def __str__(self):
        return (
            f"{self.state or 'Nacional'} · {self.as_of} · {self.get_debtor_type_display()} · "
            f"{self.get_payment_source_display()}"
        )


class LoanRegistry(models.TextChoices):
    """SHCP's registries of state and municipal loans."""

    ROE = "roe", _("Registro de Obligaciones y Empréstitos (SHCP)")
    RPU = "rpu", _("Registro Público Único (SHCP)")


class RegistryLoanQuerySet(models.QuerySet):
    def for_state(self, state):
        return self.filter(state=state)

    def in_snapshot(self, registry, as_of):
        return self.filter(registry=registry, as_of=as_of)

    def with_balance(self):
        """Annotate the balance at the snapshot date (one query, no N+1)."""
        balance = LoanBalance.objects.filter(
            registry_loan=models.OuterRef("pk"), as_of=models.OuterRef("as_of")
        )
        return self.annotate(balance=models.Subquery(balance.values("amount")[:1]))


class RegistryLoan(models.Model):
    """One entry of an SHCP loan registry as published on a date: a state's, a municipality's
    or a public body's loan, with its terms. Its balance on that date is a LoanBalance.

    Not a Loan: the microsite's loans are the state government's, curated one by one with their
    refinancing lineage, and their pages total and compare them. A registry lists every debtor
    of the state (municipalities and public bodies too) and has no loan id, so the same loan in
    two snapshots cannot be linked, and its sums are «suma de saldos registrados», not SHCP's
    total debt (the registry omits unregistered obligations). Kept apart, the loan pages stay as
    they are and a registry page can say what its numbers are.

    Rates, spreads and shares are fractions as SHCP gives them (0.0095 = 0.95 %). Guarantee and
    hedge columns hold several values separated by «;» and dates as dd/mm/aa: kept as text.
    """

    registry = models.CharField(_("registro"), max_length=3, choices=LoanRegistry.choices)
    as_of = models.DateField(_("saldos al"), help_text=_("Fecha de corte del listado."))
    # The files have no loan id. See debt.services.registry_row_key for how this is built.
    row_key = models.CharField(_("clave de la fila"), max_length=40, editable=False)
    state = models.ForeignKey(
        State, verbose_name=_("estado"), on_delete=models.PROTECT, related_name="registry_loans"
    )
    debtor = models.CharField(_("acreditado o deudor"), max_length=300)
    debtor_type = models.CharField(
        _("tipo de acreditado"),
        max_length=20,
        choices=DebtorType.choices,
        blank=True,
        help_text=_("Vacío cuando el nombre no lo dice (organismos; municipios en 2015)."),
    )
    creditor = models.CharField(_("acreedor"), max_length=300)
    obligation_type = models.CharField(_("tipo de obligación"), max_length=120)
    signed_on = models.DateField(_("fecha de firma o contratación"), null=True, blank=True)
    inscribed_on = models.DateField(_("fecha de inscripción"), null=True, blank=True)
    amount_contracted = models.DecimalField(
        _("monto original contratado (pesos)"), **MONEY, null=True, blank=True
    )
    term_months = models.DecimalField(
        _("plazo (meses)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    term_days = models.PositiveIntegerField(_("plazo (días)"), null=True, blank=True)
    maturity_on = models.DateField(_("fecha de vencimiento"), null=True, blank=True)
    reference_rate = models.CharField(
        _("tasa de interés"), max_length=200, blank=True, help_text=_("Como la da SHCP.")
    )
    spread = models.DecimalField(
        _("sobretasa"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    effective_rate = models.DecimalField(
        _("tasa efectiva"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    last_modified_on = models.DateField(_("fecha de última modificación"), null=True, blank=True)
    payment_source = models.CharField(_("fuente o garantía de pago"), max_length=300, blank=True)
    pledged_fraction = models.DecimalField(
        _("porcentaje afectado (fracción)"),
        max_digits=13,
        decimal_places=10,
        null=True,
        blank=True,
        help_text=_("0.25 = 25 % de la fuente de pago."),
    )
    pledged_text = models.CharField(
        _("porcentaje afectado (texto)"),
        max_length=200,
        blank=True,
        help_text=_("Cuando SHCP no lo da como un número: «80% Fideicomiso Maestro»."),
    )
    purpose = models.CharField(_("destino"), max_length=300, blank=True)
    guarantee_type = models.CharField(_("garantía: tipo"), max_length=200, blank=True)
    guarantee_guarantor = models.CharField(_("garantía: garante"), max_length=300, blank=True)
    guarantee_amount = models.CharField(
        _("garantía: monto o porcentaje"), max_length=100, blank=True
    )
    guarantee_signed = models.CharField(_("garantía: contratación"), max_length=100, blank=True)
    guarantee_maturity = models.CharField(_("garantía: vencimiento"), max_length=100, blank=True)
    hedge_instrument = models.TextField(_("derivado: instrumento"), blank=True)
    hedge_institution = models.TextField(_("derivado: institución"), blank=True)
    hedge_rate = models.TextField(_("derivado: tasa garantizada"), blank=True)
    hedge_signed = models.TextField(_("derivado: contratación"), blank=True)
    hedge_maturity = models.TextField(_("derivado: vencimiento"), blank=True)
    source = models.ForeignKey(
        "portal.Source", verbose_name=_("fuente"), on_delete=models.PROTECT, related_name="+"
    )

    objects = RegistryLoanQuerySet.as_manager()

    class Meta:
        verbose_name = _("crédito en un registro oficial")
        verbose_name_plural = _("créditos en registros oficiales")
        ordering = ["state", "registry", "as_of", "signed_on", "debtor"]
        constraints = [
            models.UniqueConstraint(
                fields=["registry", "as_of", "row_key"], name="one_registry_row_per_snapshot"
            ),
        ]
        indexes = [models.Index(fields=["state", "registry", "as_of"])]

    def __str__(self):
        return f"{self.debtor} · {self.creditor} · {self.signed_on or 's/f'}"

    def signed_after_snapshot(self) -> bool:
        """True for loans the listing includes although signed after its date.

        The RPU of 30 Jun 2023 lists loans signed later (short- and long-term) with a balance of
        0: that 0 says nothing about the loan, and must not be read as «paid».
        """
        return self.signed_on is not None and self.signed_on > self.as_of

    def hedge_rate_text(self) -> str:
        """The hedge's guaranteed rate as a reader reads it.

        SHCP's cell is text («5.93%», «TIIE a 28 días, 7.70%») except in a few rows, where it is
        a bare fraction (0.057, which a reader would take for 0.057 %): the page says «5.7 %».
        The download keeps the cell as published.
        """
        try:
            fraction = Decimal(self.hedge_rate.strip())
        except ArithmeticError:  # decimal.InvalidOperation: text, as most cells are
            return self.hedge_rate
        if not (fraction.is_finite() and 0 < fraction < 1):
            return self.hedge_rate
        rate = (fraction * 100).normalize()
        return formatting.percent(rate, decimals=max(0, -rate.as_tuple().exponent))


# Debt service in EFIPEM: the parts of the debt chapter (capítulo 9000) that pay for debt.
# ADEFAS (bills of earlier years paid this year) and financial support are in the chapter but
# are not debt service. INEGI lists only the concepts with an amount, and the chapter equals the
# sum of its listed parts in every row: a missing part is 0 when another part is known.
DEBT_SERVICE_PARTS = ("amortization", "interest", "fees", "expenses", "hedging")


def debt_service_expression():
    """Return debt service as a query expression: amortisation + interest + fees + expenses +
    hedging (not ADEFAS); NULL when INEGI gives none of them."""
    output = models.DecimalField(**MONEY)
    total = functools.reduce(
        operator.add,
        [
            Coalesce(models.F(part), models.Value(Decimal(0)), output_field=output)
            for part in DEBT_SERVICE_PARTS
        ],
    )
    none_known = functools.reduce(
        operator.and_, [models.Q(**{f"{part}__isnull": True}) for part in DEBT_SERVICE_PARTS]
    )
    return models.Case(
        models.When(none_known, then=models.Value(None, output_field=output)),
        default=models.ExpressionWrapper(total, output_field=output),
        output_field=output,
    )


class StateFinancesQuerySet(models.QuerySet):
    def for_state(self, state):
        return self.filter(state=state)

    def with_debt_service(self):
        """Annotate `debt_service_total` (named apart from the model's debt_service())."""
        return self.annotate(debt_service_total=debt_service_expression())


class StateFinances(models.Model):
    """A state's public finances in a year (INEGI, EFIPEM), in current pesos.

    Empty = INEGI gives no amount for that concept. Mexico City is published by INEGI in
    another file and is not here.
    """

    state = models.ForeignKey(
        State, verbose_name=_("estado"), on_delete=models.PROTECT, related_name="finances"
    )
    year = models.PositiveSmallIntegerField(_("año"))
    total_revenue = models.DecimalField(_("ingresos totales"), **MONEY, null=True, blank=True)
    participaciones = models.DecimalField(
        _("participaciones federales"), **MONEY, null=True, blank=True
    )
    aportaciones = models.DecimalField(_("aportaciones federales"), **MONEY, null=True, blank=True)
    borrowing = models.DecimalField(
        _("financiamiento (ingreso por deuda)"), **MONEY, null=True, blank=True
    )
    total_spending = models.DecimalField(_("egresos totales"), **MONEY, null=True, blank=True)
    debt_chapter = models.DecimalField(
        _("capítulo deuda pública"),
        **MONEY,
        null=True,
        blank=True,
        help_text=_("Incluye ADEFAS y apoyos financieros, que no son servicio de la deuda."),
    )
    amortization = models.DecimalField(
        _("amortización de la deuda"), **MONEY, null=True, blank=True
    )
    interest = models.DecimalField(_("intereses de la deuda"), **MONEY, null=True, blank=True)
    fees = models.DecimalField(_("comisiones de la deuda"), **MONEY, null=True, blank=True)
    expenses = models.DecimalField(_("gastos de la deuda"), **MONEY, null=True, blank=True)
    hedging = models.DecimalField(_("costo por coberturas"), **MONEY, null=True, blank=True)
    financial_support = models.DecimalField(_("apoyos financieros"), **MONEY, null=True, blank=True)
    adefas = models.DecimalField(
        _("ADEFAS"),
        **MONEY,
        null=True,
        blank=True,
        help_text=_("Adeudos de ejercicios fiscales anteriores: no son servicio de la deuda."),
    )
    inegi_status = models.CharField(
        _("estatus INEGI"),
        max_length=60,
        blank=True,
        help_text=_("Cifras definitivas o preliminares."),
    )
    source = models.ForeignKey(
        "portal.Source", verbose_name=_("fuente"), on_delete=models.PROTECT, related_name="+"
    )

    objects = StateFinancesQuerySet.as_manager()

    class Meta:
        verbose_name = _("finanzas públicas estatales (INEGI)")
        verbose_name_plural = _("finanzas públicas estatales (INEGI)")
        ordering = ["state", "year"]
        constraints = [
            models.UniqueConstraint(fields=["state", "year"], name="one_finances_per_state_year"),
        ]

    def __str__(self):
        return f"{self.state} {self.year}"

    def debt_service(self) -> Decimal | None:
        """Return amortisation + interest + fees + expenses + hedging (not ADEFAS)."""
        parts = [getattr(self, part) for part in DEBT_SERVICE_PARTS]
        if all(part is None for part in parts):
            return None
        return sum((part for part in parts if part is not None), Decimal(0))


class AlertLevel(models.TextChoices):
    """The three results of SHCP's Sistema de Alertas."""

    SUSTAINABLE = "sustainable", _("Endeudamiento sostenible")
    OBSERVATION = "observation", _("Endeudamiento en observación")
    HIGH = "high", _("Endeudamiento elevado")


class AlertSystemResult(models.Model):
    """A state's result in one evaluation of SHCP's Sistema de Alertas, with its indicators.

    Indicators are fractions as SHCP gives them (0.403 = 40.3 %); the third can be negative.
    A state SHCP did not measure has no row (Tlaxcala, Cuenta Pública 2025: no registered debt).
    """

    state = models.ForeignKey(
        State, verbose_name=_("estado"), on_delete=models.PROTECT, related_name="alert_results"
    )
    evaluation = models.CharField(
        _("evaluación"), max_length=80, help_text=_("Como la nombra SHCP: Cuenta Pública 2025.")
    )
    result = models.CharField(_("resultado"), max_length=12, choices=AlertLevel.choices)
    debt_to_free_revenue = models.DecimalField(
        _("deuda y obligaciones / ingresos de libre disposición"),
        max_digits=8,
        decimal_places=4,
        null=True,
        blank=True,
    )
    debt_service_to_free_revenue = models.DecimalField(
        _("servicio de la deuda / ingresos de libre disposición"),
        max_digits=8,
        decimal_places=4,
        null=True,
        blank=True,
    )
    short_term_to_total_revenue = models.DecimalField(
        _("obligaciones a corto plazo y proveedores / ingresos totales"),
        max_digits=8,
        decimal_places=4,
        null=True,
        blank=True,
    )
    debt_and_obligations = models.DecimalField(
        _("deuda y obligaciones (pesos)"), **MONEY, null=True, blank=True
    )
    free_revenue = models.DecimalField(
        _("ingresos de libre disposición (pesos)"), **MONEY, null=True, blank=True
    )
    source = models.ForeignKey(
        "portal.Source", verbose_name=_("fuente"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("resultado del Sistema de Alertas")
        verbose_name_plural = _("resultados del Sistema de Alertas")
        ordering = ["state", "evaluation"]
        constraints = [
            models.UniqueConstraint(
                fields=["state", "evaluation"], name="one_alert_result_per_evaluation"
            ),
        ]

    def __str__(self):
        return f"{self.state} · {self.evaluation} · {self.get_result_display()}"
