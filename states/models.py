from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


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
