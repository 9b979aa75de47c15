"""Local Action Plans (PAL) of each state's STL, their commitments and "¿Cómo vamos?" updates."""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import DatePrecision
from states.models import State


class PublishedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


def local_secretariat_name(state) -> str:
    """The body that co-creates and reports a state's plans: its Secretariado Técnico Local."""
    return gettext("Secretariado Técnico Local de %(state)s") % {"state": state.name}


class ActionPlanQuerySet(PublishedQuerySet):
    def for_state(self, state):
        return self.filter(state=state)

    def get_by_natural_key(self, cve_ent, slug):
        return self.get(state__cve_ent=cve_ent, slug=slug)


class ActionPlan(models.Model):
    """A Plan de Acción Local (PAL), co-created by a state's Secretariado Técnico Local."""

    state = models.ForeignKey(
        State, verbose_name=_("estado"), on_delete=models.PROTECT, related_name="action_plans"
    )
    number = models.PositiveSmallIntegerField(_("número"), null=True, blank=True)
    name = models.CharField(
        _("nombre"), max_length=120, help_text=_("P. ej. 1° Plan de Acción Local.")
    )
    slug = models.SlugField(_("slug"), max_length=60, help_text=_("Para la dirección: 1-pal."))
    period = models.CharField(_("periodo"), max_length=60, blank=True)
    launched_on = models.DateField(_("fecha de lanzamiento"), null=True, blank=True)
    launched_as_stated = models.CharField(
        _("lanzamiento, como lo dice la fuente"), max_length=120, blank=True
    )
    stl_composition = models.TextField(
        _("composición del STL"),
        blank=True,
        help_text=_("Quiénes forman el Secretariado Técnico Local."),
    )
    is_published = models.BooleanField(_("publicado"), default=False)
    source = models.ForeignKey(
        "portal.Source",
        verbose_name=_("fuente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ActionPlanQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan de acción local")
        verbose_name_plural = _("planes de acción local")
        ordering = ["state__name", "number", "name"]
        constraints = [
            models.UniqueConstraint(fields=["state", "slug"], name="one_plan_slug_per_state"),
        ]

    def __str__(self):
        return f"{self.name} ({self.state})"

    def get_absolute_url(self):
        return reverse("commitments:plan", kwargs={"state": self.state.slug, "plan": self.slug})

    def natural_key(self):
        return (self.state.cve_ent, self.slug)

    natural_key.dependencies = ["states.state"]


class CommitmentStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Sin iniciar")
    IN_DESIGN = "in_design", _("En diseño")
    IN_PROGRESS = "in_progress", _("En proceso")
    FULFILLED = "fulfilled", _("Cumplido")
    CANCELLED = "cancelled", _("Cancelado")
    UNKNOWN = "unknown", _("sin dato")


class CommitmentQuerySet(PublishedQuerySet):
    def visible(self):
        """Published commitments of published plans: what citizens may see."""
        return self.filter(is_published=True, plan__is_published=True)

    def for_state(self, state):
        return self.filter(plan__state=state)

    def with_progress(self):
        """Annotate the weight of each commitment's activities, all and done (0 without any)."""
        activities = (
            CommitmentActivity.objects.filter(commitment=models.OuterRef("pk"))
            .order_by()
            .values("commitment")
        )

        def weight(of):
            total = of.annotate(total=models.Sum("weight")).values("total")
            return Coalesce(models.Subquery(total), 0)

        return self.annotate(
            activities_weight=weight(activities),
            activities_weight_done=weight(activities.filter(done_on__isnull=False)),
        )


class Commitment(models.Model):
    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="commitments"
    )
    number = models.PositiveSmallIntegerField(_("número"), null=True, blank=True)
    title = models.CharField(_("título"), max_length=300)
    problem = models.TextField(_("problema público que atiende"), blank=True)
    objective = models.TextField(_("objetivo"), blank=True)
    responsible = models.TextField(_("instituciones responsables"), blank=True)
    follows_the_money = models.BooleanField(_("sigue el dinero"), default=False)
    theme = models.CharField(_("tema"), max_length=120, blank=True)
    status = models.CharField(
        _("estatus"),
        max_length=12,
        choices=CommitmentStatus.choices,
        default=CommitmentStatus.UNKNOWN,
    )
    started_on = models.DateField(_("inicio"), null=True, blank=True)
    due_on = models.DateField(_("fecha compromiso"), null=True, blank=True)
    is_published = models.BooleanField(_("publicado"), default=False)
    source = models.ForeignKey(
        "portal.Source",
        verbose_name=_("fuente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("última modificación"), auto_now=True)

    objects = CommitmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("compromiso")
        verbose_name_plural = _("compromisos")
        ordering = ["plan", "number", "title"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "title"], name="one_commitment_title_per_plan"),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}" if self.number else self.title

    def get_absolute_url(self):
        return reverse(
            "commitments:detail",
            kwargs={"state": self.plan.state.slug, "plan": self.plan.slug, "pk": self.pk},
        )


class CommitmentActivity(models.Model):
    """An activity of a commitment: its weight counts toward the commitment's progress."""

    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("compromiso"),
        on_delete=models.CASCADE,
        related_name="activities",
    )
    title = models.CharField(_("actividad"), max_length=300)
    due_on = models.DateField(_("fecha límite"), null=True, blank=True)
    done_on = models.DateField(_("fecha en que se cumplió"), null=True, blank=True)
    weight = models.PositiveSmallIntegerField(
        _("peso"), default=1, help_text=_("Cuánto cuenta en el avance del compromiso.")
    )
    evidence_url = models.URLField(_("evidencia"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("actividad del compromiso")
        verbose_name_plural = _("actividades del compromiso")
        ordering = ["commitment", "due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weight__gte=1), name="activity_weight_positive"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_done(self):
        return self.done_on is not None


class CommitmentOutputQuerySet(models.QuerySet):
    def visible(self):
        """Outputs of commitments citizens may see."""
        return self.filter(commitment__is_published=True, commitment__plan__is_published=True)


class CommitmentOutput(models.Model):
    """A page or dataset a commitment produced (Zacatecas's loan commitment: its debt microsite)."""

    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("compromiso"),
        on_delete=models.CASCADE,
        related_name="outputs",
    )
    title = models.CharField(_("qué es"), max_length=200)
    url = models.CharField(
        _("dirección"),
        max_length=500,
        validators=[
            RegexValidator(
                r"^(/|https?://)\S+$",
                _("Una dirección de este portal (/deuda/zacatecas/) o una completa (https://…)."),
            )
        ],
        help_text=_("Una página de este portal (/deuda/zacatecas/) o de otro sitio (https://…)."),
    )

    objects = CommitmentOutputQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("producto del compromiso")
        verbose_name_plural = _("productos del compromiso")
        ordering = ["commitment", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["commitment", "url"], name="one_output_per_url"),
        ]

    def __str__(self):
        return self.title


class ProgressUpdateQuerySet(models.QuerySet):
    def published(self):
        """Lines with a public version: published ones, and published ones whose edits wait
        as a draft (readers keep seeing the version last published; see public_version)."""
        return self.filter(published_at__isnull=False)

    def visible(self):
        return self.published().filter(
            commitment__is_published=True, commitment__plan__is_published=True
        )


class ProgressUpdate(models.Model):
    """A "¿Cómo vamos?" line: what was done, when, with what evidence and who says so."""

    commitment = models.ForeignKey(
        Commitment, verbose_name=_("compromiso"), on_delete=models.CASCADE, related_name="updates"
    )
    reported_on = models.DateField(_("fecha"))
    date_precision = models.CharField(
        _("precisión de la fecha"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    text = models.TextField(_("avance"))
    evidence_url = models.URLField(_("enlace a la evidencia"), max_length=500, blank=True)
    evidence_file = models.FileField(_("archivo de evidencia"), upload_to="evidencias/", blank=True)
    author = models.CharField(_("quién lo reporta"), max_length=200, blank=True)
    source = models.ForeignKey(
        "portal.Source",
        verbose_name=_("fuente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    is_published = models.BooleanField(
        _("publicar esta versión"),
        default=False,
        help_text=_(
            "Sin marcar, se guarda como borrador: una línea nueva no se ve en el portal; una "
            "ya publicada sigue mostrando su versión publicada hasta que publique esta."
        ),
    )
    # When the line was first published; cleared only by withdrawing it from the portal.
    published_at = models.DateTimeField(_("publicado desde"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("publicado en el portal"), auto_now_add=True)

    objects = ProgressUpdateQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("avance («¿Cómo vamos?»)")
        verbose_name_plural = _("avances («¿Cómo vamos?»)")
        ordering = ["commitment", "reported_on", "pk"]

    def __str__(self):
        return self.text[:80]

    def save(self, *args, **kwargs):
        if self.is_published and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def set_published(self, published: bool) -> None:
        """Publish this version, or withdraw the line (no earlier version stays public)."""
        self.is_published = published
        if not published:
            self.published_at = None

    @property
    def has_draft_changes(self) -> bool:
        """Published once, with later edits not yet published."""
        return not self.is_published and self.published_at is not None

    def public_version(self):
        """What readers see: this line, or its last published version while edits wait."""
        if not self.has_draft_changes:
            return self
        last = self.history.filter(is_published=True).order_by("-history_date").first()
        return last.instance if last is not None else self


class PlanEvaluation(models.Model):
    """An evaluation of a plan's progress: weak points found and what is recommended."""

    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="evaluations"
    )
    evaluated_on = models.DateField(_("fecha de la evaluación"))
    date_precision = models.CharField(
        _("precisión de la fecha"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    evaluated_by = models.CharField(_("quién evalúa"), max_length=200, blank=True)
    summary = models.TextField(_("resumen: avances y debilidades"))
    recommendations = models.TextField(_("recomendaciones"), blank=True)
    source = models.ForeignKey(
        "portal.Source",
        verbose_name=_("fuente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    is_published = models.BooleanField(_("publicada"), default=False)

    objects = PublishedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluación de un plan")
        verbose_name_plural = _("evaluaciones de planes")
        ordering = ["plan", "-evaluated_on", "pk"]

    def __str__(self):
        return f"{self.plan} · {self.evaluated_on:%Y-%m-%d}"
