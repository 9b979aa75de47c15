from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatesConfig(AppConfig):
    name = "states"
    verbose_name = _("Estados")

    def ready(self):
        from core.registries import (
            Dataset,
            HomeFigures,
            HomeSection,
            datasets,
            home_figures,
            home_sections,
        )
        from states.selectors import (
            home_headline_figures,
            open_data_downloads,
            state_picker_context,
        )

        datasets.register(
            Dataset("national-progress", _("Avance nacional"), open_data_downloads, order=10)
        )
        home_sections.register(HomeSection("states/_picker.html", state_picker_context, 10))
        home_figures.register(HomeFigures(home_headline_figures, order=30))

        from core.datasets import published_datasets
        from states.open_data import DATASETS

        for dataset in DATASETS:
            published_datasets.register(dataset)
