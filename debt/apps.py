from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DebtConfig(AppConfig):
    name = "debt"
    verbose_name = _("Deuda pública")

    def ready(self):
        from core.registries import Dataset, StateSection, datasets, state_sections
        from debt.selectors import open_data_downloads, state_page_section

        state_sections.register(StateSection("debt/_state_section.html", state_page_section, 20))
        datasets.register(Dataset("debt", _("Deuda pública"), open_data_downloads, order=20))

        from core.registries import HomeFigures, home_figures
        from debt import national

        home_figures.register(HomeFigures(national.home_headline_figures, order=20))

        from core.datasets import published_datasets
        from debt.open_data import DATASETS

        for dataset in DATASETS:
            published_datasets.register(dataset)
        datasets.register(
            Dataset(
                "debt-national",
                _("Deuda de los 32 estados"),
                national.open_data_downloads,
                order=21,
            )
        )
