"""Public debt of a state: sourced figures, loans and their balances, reference series, report."""

from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import DatePrecision
from states.models import State

MONEY = {"max_digits": 18, "decimal_places": 2}


class Scope(models.TextChoices):
    STATE_GOVERNMENT = "state_government", _("Gobierno del estado")
    MUNICIPALITIES = "municipalities", _("Municipios")
    TOTAL = "total", _("Total (estado y municipios)")


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
    """What was still owed on a loan on a date."""

    loan = models.ForeignKey(
        Loan, verbose_name=_("crédito"), on_delete=models.CASCADE, related_name="balances"
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
        ordering = ["loan", "as_of"]
        constraints = [
            models.UniqueConstraint(
                fields=["loan", "as_of", "source"], name="one_balance_per_source_and_date"
            ),
        ]

    def __str__(self):
        return f"{self.loan} · {self.as_of}"


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
