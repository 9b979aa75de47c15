"""The portal's admin site: Django's, with a view-on-site shortcut that respects scopes.

Django's `/admin/r/<content type>/<pk>/` redirects any staff user to any object's public
address. Ours first asks the object's own admin: the object must be in the rows this user
may see (a state's staff: their state's) and public, so the shortcut never tells anyone the
address of another state's object or of a draft.
"""

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


class PortalAdminSite(admin.AdminSite):
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
