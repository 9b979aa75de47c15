"""Which state's rows a staff user may see and edit in the admin: one rule, failing closed.

Superusers and users with the "act for every state" permission (national coordination) see
every state; other staff see the one state of their `StateStaff` record; staff without one see
nothing. Every state-owned admin (debt, commitments, national progress) uses the mixin below,
so lists, search, filters, autocomplete, direct URLs, history, view-on-site and imports all
obey the same rule.
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404

EVERY_STATE_PERMISSION = "states.act_for_every_state"


class EveryState:
    """The scope of users who act for every state (rows of all states, and national rows)."""

    def __repr__(self):
        return "EVERY_STATE"


EVERY_STATE = EveryState()


def state_scope(user):
    """Return EVERY_STATE, the one State this user acts for, or None (no state: no rows)."""
    if not user.is_active:
        return None
    if user.has_perm(EVERY_STATE_PERMISSION):
        return EVERY_STATE
    staff = getattr(user, "state_staff", None)
    return staff.state if staff is not None else None


def request_scope(request):
    """The scope of the request's user, worked out once per request (asked for every row)."""
    if not hasattr(request, "_state_scope"):
        request._state_scope = state_scope(request.user)
    return request._state_scope


class StateScopedAdminMixin:
    """Limit an admin's rows, choices, history and imports to the user's state.

    `state_path` leads from the model to its State ("state", "plan__state"); "" when the
    model is State itself.
    """

    state_path = "state"

    # Rows ------------------------------------------------------------------------------------

    def _state_lookup(self):
        return self.state_path or "pk"

    def scope_queryset(self, request, queryset):
        scope = request_scope(request)
        if scope is EVERY_STATE:
            return queryset
        if scope is None:
            return queryset.none()
        return queryset.filter(**{self._state_lookup(): scope.pk})

    def get_queryset(self, request):
        return self.scope_queryset(request, super().get_queryset(request))

    def state_of(self, obj):
        """Return the state `obj` belongs to (None when a link on the way is missing)."""
        for part in self.state_path.split("__") if self.state_path else ():
            obj = getattr(obj, part, None)
            if obj is None:
                return None
        return obj

    def in_scope(self, request, obj) -> bool:
        scope = request_scope(request)
        if scope is EVERY_STATE:
            return True
        return scope is not None and obj is not None and self.state_of(obj) == scope

    # Permissions: a user without a state may do nothing; with one, only on its rows -----------

    def _allowed(self, request, obj):
        if obj is None:
            return request_scope(request) is not None
        return self.in_scope(request, obj)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._allowed(request, obj)

    def has_add_permission(self, request, *args):
        return super().has_add_permission(request, *args) and self._allowed(request, None)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._allowed(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._allowed(request, obj)

    def has_module_permission(self, request):
        return super().has_module_permission(request) and request_scope(request) is not None

    def get_list_filter(self, request):
        # The sidebar's state filter lists only the states of rows the user may see.
        return [
            (name, admin.RelatedOnlyFieldListFilter)
            if isinstance(name, str) and name == self.state_path and "__" not in name
            else name
            for name in super().get_list_filter(request)
        ]

    # Choices: a foreign key to a state-owned model offers only rows in scope ------------------

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model
        related_admin = self.admin_site._registry.get(related)
        if isinstance(related_admin, StateScopedAdminMixin):
            base = kwargs.get("queryset", related._default_manager.all())
            kwargs["queryset"] = related_admin.scope_queryset(request, base)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # History: the current row and the version shown must both be in scope --------------------

    def _current_in_scope(self, request, object_id):
        pk_name = self.model._meta.pk.attname
        if not self.get_queryset(request).filter(**{pk_name: unquote(object_id)}).exists():
            raise Http404

    def history_view(self, request, object_id, extra_context=None):
        # simple-history falls back to the last version of a row it cannot find (a deleted
        # one, or another state's): only rows in scope have a history to show.
        self._current_in_scope(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._current_in_scope(request, object_id)
        history = self.model.history.model
        version = history.objects.filter(
            **{self.model._meta.pk.attname: unquote(object_id), "history_id": version_id}
        ).first()
        if version is None:
            raise Http404
        if not self.in_scope(request, version.instance):
            # A version from when the row belonged to another state: neither read nor revert.
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    # Imports (core.admin_imports.ImportAdminMixin) --------------------------------------------

    def has_import_permission(self, request):
        return super().has_import_permission(request) and request_scope(request) is not None

    def import_state_limit(self, request):
        scope = request_scope(request)
        return None if scope is EVERY_STATE else scope


class NationalDataAdminMixin:
    """Data shared by every state (national figures, prices, the glossary): anyone with the
    model's permission reads it; only those who act for every state change it."""

    def _for_every_state(self, request):
        return request_scope(request) is EVERY_STATE

    def has_add_permission(self, request, *args):
        return super().has_add_permission(request, *args) and self._for_every_state(request)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._for_every_state(request)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._for_every_state(request)
