from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitmentsConfig(AppConfig):
    name = "commitments"
    verbose_name = _("Compromisos")

    def ready(self):
        from commitments.selectors import state_page_section
        from portal import state_sections

        state_sections.register("commitments/_state_section.html", state_page_section, order=10)
