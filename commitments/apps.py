from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitmentsConfig(AppConfig):
    name = "commitments"
    verbose_name = _("Compromisos")

    def ready(self):
        from commitments.programme import commitments_that_produced, ftm_commitments_by_state
        from commitments.selectors import open_data_downloads, state_page_section
        from core.registries import (
            Dataset,
            PageOrigins,
            ProgrammeSection,
            StateSection,
            datasets,
            page_origins,
            programme_sections,
            state_sections,
        )

        state_sections.register(
            StateSection("commitments/_state_section.html", state_page_section, 10)
        )
        datasets.register(Dataset("commitments", _("Compromisos"), open_data_downloads, order=30))
        programme_sections.register(
            ProgrammeSection("programme/_ftm_commitments.html", ftm_commitments_by_state, 10)
        )
        page_origins.register(PageOrigins(commitments_that_produced, 10))

        from commitments.open_data import DATASETS
        from core.datasets import published_datasets

        for dataset in DATASETS:
            published_datasets.register(dataset)
