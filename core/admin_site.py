"""The portal's admin site: Django's, with a view-on-site shortcut that respects scopes and,
when ADMIN_2FA_REQUIRED is true, a one-time code from the staff member's device (django-otp,
TOTP apps such as FreeOTP or Google Authenticator).

Django's `/admin/r/<content type>/<pk>/` redirects any staff user to any object's public
address. Ours first asks the object's own admin: the object must be in the rows this user
may see (a state's staff: their state's) and public, so the shortcut never tells anyone the
address of another state's object or of a draft.

Installed as the default admin site by core.apps.PortalAdminConfig (INSTALLED_APPS names it
instead of django.contrib.admin), so every `admin.site.register` in the apps lands here.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import path


def is_public(obj) -> bool:
    """Whether readers can see `obj`: its manager's `visible()` (published, and its parents
    published) when it has one, else its own `is_published` flag; True for reference data."""
    model = type(obj)
    visible = getattr(model._default_manager, "visible", None)
    if visible is not None:
        return visible().filter(pk=obj.pk).exists()
    return getattr(obj, "is_published", True)


def two_factor_required() -> bool:
    return settings.ADMIN_2FA_REQUIRED


class PortalAdminSite(admin.AdminSite):
    @property
    def login_form(self):
        if not two_factor_required():
            return None
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

    def view_on_site(self, request, content_type_id, object_id):
        content_type = ContentType.objects.filter(pk=content_type_id).first()
        model = content_type.model_class() if content_type else None
        model_admin = self._registry.get(model)
        if model_admin is None:
            raise Http404
        try:
            obj = model_admin.get_queryset(request).filter(pk=object_id).first()
        except (ValueError, ValidationError):
            obj = None
        if obj is None or not model_admin.has_view_permission(request, obj):
            raise Http404
        if not is_public(obj):
            raise Http404
        return shortcut(request, content_type_id, object_id)

    def get_urls(self):
        return [
            path(
                "r/<int:content_type_id>/<path:object_id>/",
                self.admin_view(self.view_on_site),
                name="view_on_site",
            ),
            *super().get_urls(),
        ]
