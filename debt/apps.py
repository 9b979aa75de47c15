from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DebtConfig(AppConfig):
    name = "debt"
    verbose_name = _("Deuda pública")
