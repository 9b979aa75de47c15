from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatesConfig(AppConfig):
    name = "states"
    verbose_name = _("Estados")

    def ready(self):
        from core.registries import Dataset, datasets
        from states.selectors import open_data_downloads

        datasets.register(
            Dataset("national-progress", _("Avance nacional"), open_data_downloads, order=10)
        )
