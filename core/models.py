from django.db import models
from django.db.models import Case, Value, When
from django.db.models.functions import Left
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class DatePrecision(models.TextChoices):
    """How precisely a date is known: a full day, only its month, or only its year."""

    DAY = "day", _("día")
    MONTH = "month", _("mes")
    YEAR = "year", _("año")


class Confidence(models.TextChoices):
    HIGH = "high", _("alta")
    MEDIUM_HIGH = "medium-high", _("media-alta")
    MEDIUM = "medium", _("media")
    LOW = "low", _("baja")


# How the data files say a source did not name who reported the figure («No indicado», «No
# indicado en el documento»): words for readers, unknown (empty) in the downloads.
NOT_INDICATED = "No indicado"


def known_reporter(reported_by: str) -> str:
    """Who reported it, or "" when the source does not say."""
    return "" if reported_by.startswith(NOT_INDICATED) else reported_by


def known_reporter_in_database(reported_by):
    """`known_reporter` as a database expression: NULL (unknown) when the source does not say."""
    says_nothing = Exact(Left(reported_by, len(NOT_INDICATED)), Value(NOT_INDICATED))
    return Case(When(says_nothing, then=Value(None)), default=reported_by)


class SourceQuerySet(models.QuerySet):
    def get_by_natural_key(self, key):
        return self.get(key=key)


class Source(models.Model):
    """Where a figure comes from: who reported it, where it was published, how far to trust it."""

    key = models.SlugField(
        _("clave"), max_length=80, unique=True, help_text=_("Identificador corto y estable.")
    )
    reported_by = models.CharField(
        _("quién lo reporta"),
        max_length=200,
        help_text=_("P. ej. SHCP, INAI, el gobierno estatal."),
    )
    published_in = models.CharField(
        _("dónde se publicó"), max_length=300, help_text=_("Documento, medio o sitio.")
    )
    url = models.URLField(_("dirección (URL)"), max_length=500, blank=True)
    published_on = models.DateField(_("fecha de publicación"), null=True, blank=True)
    consulted_on = models.DateField(_("fecha de consulta"), null=True, blank=True)
    confidence = models.CharField(
        _("confianza"), max_length=12, choices=Confidence.choices, default=Confidence.MEDIUM
    )
    notes = models.TextField(_("notas"), blank=True)

    objects = SourceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fuente")
        verbose_name_plural = _("fuentes")
        ordering = ["reported_by", "published_in"]

    def __str__(self):
        return f"{self.reported_by}: {self.published_in}"

    def natural_key(self):
        return (self.key,)
