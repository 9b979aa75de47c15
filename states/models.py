from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import formatting
from core.models import DatePrecision


class StateQuerySet(models.QuerySet):
    def get_by_natural_key(self, cve_ent):
        return self.get(cve_ent=cve_ent)


class State(models.Model):
    """One of the 32 federal entities, identified by its INEGI code (cve_ent)."""

    cve_ent = models.CharField(
        _("clave INEGI"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^\d{2}$", _("Dos dígitos, de 01 a 32."))],
        help_text=_("Clave de entidad del Marco Geoestadístico de INEGI, p. ej. 32."),
    )
    name = models.CharField(_("nombre"), max_length=100, unique=True)
    short_name = models.CharField(
        _("abreviatura"), max_length=10, unique=True, help_text=_("P. ej. ZAC.")
    )
    slug = models.SlugField(
        _("slug"), max_length=60, unique=True, help_text=_("Para las direcciones: zacatecas.")
    )

    objects = StateQuerySet.as_manager()

    class Meta:
        verbose_name = _("estado")
        verbose_name_plural = _("estados")
        ordering = ["cve_ent"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cve_ent__regex=r"^[0-9]{2}$"),
                name="state_cve_ent_two_digits",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("states:detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.cve_ent,)


class NaturalKeyQuerySet(models.QuerySet):
    """Look rows up by a single unique field named in `natural_key_field`."""

    natural_key_field = "code"

    def get_by_natural_key(self, key):
        return self.get(**{self.natural_key_field: key})


class MilestoneKindQuerySet(NaturalKeyQuerySet):
    natural_key_field = "code"


class MilestoneKind(models.Model):
    """A step of the national exercise: declaration signed, sensitization, STL, PAL (data)."""

    code = models.SlugField(
        _("código"),
        max_length=40,
        unique=True,
        help_text=_("Nombre de la columna en los archivos de reporte, p. ej. stl_installed."),
    )
    name = models.CharField(_("nombre"), max_length=120)
    short_name = models.CharField(_("nombre corto"), max_length=40)
    description = models.TextField(_("descripción"), blank=True)
    order = models.PositiveSmallIntegerField(_("orden"), default=0)

    objects = MilestoneKindQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tipo de hito")
        verbose_name_plural = _("tipos de hito")
        ordering = ["order", "code"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.code,)


class ProgressStatusQuerySet(NaturalKeyQuerySet):
    natural_key_field = "slug"


class ProgressStatus(models.Model):
    """A stage of the traffic light (semáforo) of the national report, with its colour (data)."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("nombre"), max_length=120, unique=True)
    order = models.PositiveSmallIntegerField(
        _("orden"), default=0, help_text=_("Posición en el proceso: las etapas tempranas primero.")
    )
    color = models.CharField(
        _("color"),
        max_length=7,
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Un color como #21918c."))],
    )
    description = models.TextField(_("descripción"), blank=True)
    reported_as = models.TextField(
        _("otras formas de escribirla"),
        blank=True,
        help_text=_(
            "Una por línea: cómo aparece en los reportes (p. ej. «Mesas participativas PAL»)."
        ),
    )

    objects = ProgressStatusQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("etapa")
        verbose_name_plural = _("etapas")
        ordering = ["order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(color__regex=r"^#[0-9a-fA-F]{6}$"),
                name="progress_status_color_hex",
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def spellings(self):
        """Return every way this stage is written in reports, the name included."""
        return [self.name, *filter(None, (line.strip() for line in self.reported_as.splitlines()))]


class ReportQuerySet(NaturalKeyQuerySet):
    natural_key_field = "code"

    def latest_first(self):
        return self.order_by("-as_of")


class Report(models.Model):
    """A dated snapshot of the national "¿Cómo vamos?" table, as published by its source."""

    code = models.SlugField(
        _("código"), max_length=20, unique=True, help_text=_("Año y mes, p. ej. 2016-09.")
    )
    title = models.CharField(_("título"), max_length=200)
    as_of = models.DateField(_("fecha del reporte"), help_text=_("Primer día del mes que reporta."))
    source = models.ForeignKey(
        "portal.Source", verbose_name=_("fuente"), on_delete=models.PROTECT, related_name="+"
    )
    notes = models.TextField(_("notas"), blank=True)

    objects = ReportQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reporte nacional")
        verbose_name_plural = _("reportes nacionales")
        ordering = ["-as_of"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{reverse('states:list')}?reporte={self.code}"

    def natural_key(self):
        return (self.code,)


class YesNoUnknown(models.TextChoices):
    YES = "yes", _("Sí")
    NO = "no", _("No")
    SCHEDULED = "scheduled", _("Programada")
    UNKNOWN = "unknown", _("sin dato")


class ReportEntryQuerySet(models.QuerySet):
    def for_report(self, report):
        return self.filter(report=report)

    def with_related(self):
        """The state, stage, report and source of each row, in the same query."""
        return self.select_related("state", "status", "report__source")

    def with_milestones(self):
        """Prefetch each row's milestones, for `milestone_values()` (one more query)."""
        return self.prefetch_related(
            models.Prefetch("milestones", queryset=ReportMilestone.objects.select_related("kind"))
        )

    def with_milestone_values(self, kinds):
        """Annotate `m_<code>`: what the row says of each milestone kind ("unknown" if silent)."""
        values = {}
        for kind in kinds:
            said = ReportMilestone.objects.filter(entry=models.OuterRef("pk"), kind=kind)
            values[f"m_{kind.code}"] = Coalesce(
                models.Subquery(said.values("value")[:1]), models.Value(YesNoUnknown.UNKNOWN)
            )
        return self.annotate(**values)


class ReportEntry(models.Model):
    """One state's row in a national report."""

    report = models.ForeignKey(
        Report, verbose_name=_("reporte"), on_delete=models.CASCADE, related_name="entries"
    )
    state = models.ForeignKey(
        State, verbose_name=_("estado"), on_delete=models.PROTECT, related_name="report_entries"
    )
    group = models.CharField(
        _("grupo"), max_length=40, help_text=_("G15, G16 o «Sin firma», como lo dice el reporte.")
    )
    order_in_group = models.PositiveSmallIntegerField(
        _("número en el grupo"), null=True, blank=True
    )
    status = models.ForeignKey(
        ProgressStatus,
        verbose_name=_("etapa"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
    )
    status_as_reported = models.CharField(
        _("etapa como aparece en el reporte"), max_length=200, blank=True
    )
    cgatp_member = models.CharField(
        _("integra la CGATP"),
        max_length=10,
        choices=[(c.value, c.label) for c in YesNoUnknown if c != YesNoUnknown.SCHEDULED],
        default=YesNoUnknown.UNKNOWN,
        help_text=_("Comisión de Gobierno Abierto y de Transparencia Proactiva del SNT."),
    )
    notes = models.TextField(_("notas"), blank=True)

    objects = ReportEntryQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fila del reporte")
        verbose_name_plural = _("filas del reporte")
        ordering = ["report", "group", "order_in_group", "state__name"]
        constraints = [
            models.UniqueConstraint(fields=["report", "state"], name="one_entry_per_state"),
        ]

    def __str__(self):
        return f"{self.report.code} · {self.state}"

    def milestone_values(self):
        """Return {kind code: value} from the prefetched milestones."""
        return {m.kind.code: m.value for m in self.milestones.all()}


class ReportMilestone(models.Model):
    """What a national report says of one milestone of one state."""

    entry = models.ForeignKey(
        ReportEntry, verbose_name=_("fila"), on_delete=models.CASCADE, related_name="milestones"
    )
    kind = models.ForeignKey(MilestoneKind, verbose_name=_("hito"), on_delete=models.PROTECT)
    value = models.CharField(
        _("valor"), max_length=10, choices=YesNoUnknown.choices, default=YesNoUnknown.UNKNOWN
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hito en el reporte")
        verbose_name_plural = _("hitos en el reporte")
        ordering = ["kind__order"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "kind"], name="one_value_per_milestone"),
        ]

    def __str__(self):
        return f"{self.kind}: {self.get_value_display()}"


class MilestoneStatus(models.TextChoices):
    DONE = "done", _("Realizado")
    SCHEDULED = "scheduled", _("Programado")


class StateMilestoneQuerySet(models.QuerySet):
    def get_by_natural_key(self, cve_ent, kind_code, status):
        return self.get(state__cve_ent=cve_ent, kind__code=kind_code, status=status)

    def timeline(self):
        """Dated events first, in date order; events of unknown date last."""
        return self.select_related("kind", "source").order_by(
            models.F("occurred_on").asc(nulls_last=True), "kind__order"
        )


class StateMilestone(models.Model):
    """A dated event of one state: when it signed, installed its STL, launched its PAL..."""

    state = models.ForeignKey(
        State, verbose_name=_("estado"), on_delete=models.PROTECT, related_name="milestones"
    )
    kind = models.ForeignKey(MilestoneKind, verbose_name=_("hito"), on_delete=models.PROTECT)
    status = models.CharField(
        _("situación"),
        max_length=10,
        choices=MilestoneStatus.choices,
        default=MilestoneStatus.DONE,
    )
    occurred_on = models.DateField(
        _("fecha"),
        null=True,
        blank=True,
        help_text=_("Vacía si la fuente no da la fecha completa; usa «fecha como se dice»."),
    )
    date_precision = models.CharField(
        _("precisión de la fecha"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    date_as_stated = models.CharField(_("fecha como la dice la fuente"), max_length=200, blank=True)
    evidence = models.TextField(_("evidencia"), blank=True)
    evidence_url = models.URLField(_("enlace a la evidencia"), max_length=500, blank=True)
    source = models.ForeignKey(
        "portal.Source",
        verbose_name=_("fuente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = StateMilestoneQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hito del estado")
        verbose_name_plural = _("hitos de los estados")
        ordering = ["state", "occurred_on"]
        constraints = [
            # A milestone is done once, and planned at most once (a new plan edits the old
            # one; the history keeps what it said before).
            models.UniqueConstraint(
                fields=["state", "kind", "status"], name="one_event_per_milestone_and_status"
            ),
        ]

    def __str__(self):
        return f"{self.state} · {self.kind} · {self.get_status_display()}"

    def natural_key(self):
        return (self.state.cve_ent, self.kind.code, self.status)

    def date_display(self) -> str:
        """Return the date as the source words it ("21-22 de septiembre"), else as known."""
        if self.date_as_stated:
            return self.date_as_stated
        return formatting.date_with_precision(self.occurred_on, self.date_precision)

    natural_key.dependencies = ["states.state", "states.milestonekind"]


class StateStoryQuerySet(models.QuerySet):
    def get_by_natural_key(self, cve_ent, slug):
        return self.get(state__cve_ent=cve_ent, slug=slug)

    def published(self):
        return self.filter(is_published=True)

    def in_order(self):
        """Dated parts first, in date order; then the undated ones, by their order."""
        return self.select_related("source").order_by(
            models.F("refers_to").asc(nulls_last=True), "order", "pk"
        )


class StateStory(models.Model):
    """A part of a state's story as a source tells it: what happened, when, and who says so."""

    state = models.ForeignKey(
        State, verbose_name=_("estado"), on_delete=models.PROTECT, related_name="stories"
    )
    slug = models.SlugField(
        _("clave"), max_length=80, help_text=_("Identificador corto, único en el estado.")
    )
    title = models.CharField(_("título"), max_length=200)
    body = models.TextField(_("texto"), help_text=_("Lo que dice la fuente; un párrafo por línea."))
    refers_to = models.DateField(
        _("fecha a la que se refiere"),
        null=True,
        blank=True,
        help_text=_("Vacía si la fuente no la da; usa «fecha como se dice»."),
    )
    date_precision = models.CharField(
        _("precisión de la fecha"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    date_as_stated = models.CharField(_("fecha como la dice la fuente"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("orden"), default=0)
    source = models.ForeignKey(
        "portal.Source", verbose_name=_("fuente"), on_delete=models.PROTECT, related_name="+"
    )
    is_published = models.BooleanField(_("publicado"), default=False)

    objects = StateStoryQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("historia del estado")
        verbose_name_plural = _("historias de los estados")
        ordering = ["state", "refers_to", "order"]
        constraints = [
            models.UniqueConstraint(fields=["state", "slug"], name="one_story_per_state_and_slug"),
        ]

    def __str__(self):
        return f"{self.state} · {self.title}"

    def natural_key(self):
        return (self.state.cve_ent, self.slug)

    natural_key.dependencies = ["states.state", "portal.source"]

    def date_display(self) -> str:
        """Return the date as the source words it, else as precisely as it is known."""
        if self.date_as_stated:
            return self.date_as_stated
        return formatting.date_with_precision(self.refers_to, self.date_precision)

    def paragraphs(self) -> list[str]:
        return [line.strip() for line in self.body.splitlines() if line.strip()]


class StateStaff(models.Model):
    """Ties a staff user to the one state whose data they may see and edit (STL, garante).

    Staff without this record see no state's rows (the admin fails closed); only superusers
    and users with the "act for every state" permission (national coordination) see them all.
    """

    user = models.OneToOneField(
        "auth.User",
        verbose_name=_("usuario"),
        on_delete=models.CASCADE,
        related_name="state_staff",
    )
    state = models.ForeignKey(State, verbose_name=_("estado"), on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("personal de un estado")
        verbose_name_plural = _("personal de los estados")
        permissions = [
            ("act_for_every_state", _("Puede ver y editar los datos de todos los estados")),
        ]

    def __str__(self):
        return f"{self.user} · {self.state}"
