from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DebtConfig(AppConfig):
    name = "debt"
    verbose_name = _("Deuda pública")

    def ready(self):
        from debt.selectors import state_page_section
        from portal import state_sections

        state_sections.register("debt/_state_section.html", state_page_section, order=20)
