from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app shares (Source, formatting, imports, exports, registries); imports no app."""

    name = "core"
    # The label these models were created under: keeping it keeps the tables, migrations,
    # content types and permissions of every existing database as they are.
    label = "portal"
    verbose_name = _("Portal")

    def ready(self):
        # Each app registers its importers where it defines them (its services module),
        # as admin.py registers models: import them all, as the admin autodiscovers.
        autodiscover_modules("services")
        from core.page_cache import connect_invalidation_signals

        connect_invalidation_signals()
