"""The admin site: Django's, plus a one-time code from the staff member's device when
ADMIN_2FA_REQUIRED is true (django-otp, TOTP apps such as FreeOTP or Google Authenticator).

Installed as the default admin site (INSTALLED_APPS names PortalAdminConfig instead of
django.contrib.admin), so every `admin.site.register` in the apps lands here.
"""

from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig


def two_factor_required() -> bool:
    return settings.ADMIN_2FA_REQUIRED


class PortalAdminSite(AdminSite):
    @property
    def login_form(self):
        if not two_factor_required():
            return None
        # Imported here: this module is loaded with INSTALLED_APPS, before any model.
        from django_otp.admin import OTPAdminAuthenticationForm

        return OTPAdminAuthenticationForm

    @property
    def login_template(self):
        # django-otp's admin login: Django's, with the device and code fields.
        return "otp/admin111/login.html" if two_factor_required() else None

    def has_permission(self, request):
        # A session that did not give a code counts as not logged in to the admin.
        verified = not two_factor_required() or request.user.is_verified()
        return super().has_permission(request) and verified


class PortalAdminConfig(AdminConfig):
    default_site = "core.admin_site.PortalAdminSite"
