from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
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
        from django.db.models.signals import pre_save

        from core.page_cache import connect_invalidation_signals
        from core.signals import skip_history_of_raw_saves

        pre_save.connect(skip_history_of_raw_saves, dispatch_uid="skip_history_of_raw_saves")
        connect_invalidation_signals()
        # Each app registers its importers where it defines them (its services module),
        # as admin.py registers models: import them all, as the admin autodiscovers.
        autodiscover_modules("services")


class PortalAdminConfig(admin_apps.AdminConfig):
    """Installed instead of django.contrib.admin, so `admin.site` is core.admin_site's."""

    default = False  # "core" itself is CoreConfig
    default_site = "core.admin_site.PortalAdminSite"
