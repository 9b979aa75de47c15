"""Publishing staff can see: a draft/published column and publish/withdraw actions for every
admin of a model with `is_published`. A model may say more: `has_draft_changes` (published
once, edits waiting) and `set_published(published)` (what withdrawing also clears)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


def publication_label(obj) -> str:
    if obj.is_published:
        return str(_("Publicado"))
    if getattr(obj, "has_draft_changes", False):
        return str(_("Borrador (el portal muestra la versión publicada)"))
    return str(_("Borrador (no se ve en el portal)"))


class PublishingAdminMixin:
    actions = ["publish_selected", "withdraw_selected"]

    @admin.display(description=_("publicación"), ordering="is_published")
    def publication(self, obj):
        return publication_label(obj)

    def _set_published(self, request, queryset, published: bool) -> int:
        # One save per row, so each change is in the row's history with who made it.
        changed = 0
        for obj in queryset:
            if hasattr(obj, "set_published"):
                obj.set_published(published)  # the model knows more (e.g. earlier versions)
            else:
                obj.is_published = published
            obj._history_user = request.user
            obj.save()
            changed += 1
        return changed

    @admin.action(description=_("Publicar seleccionados"), permissions=["change"])
    def publish_selected(self, request, queryset):
        count = self._set_published(request, queryset, True)
        message = ngettext(
            "Se publicó %(count)s elemento.", "Se publicaron %(count)s elementos.", count
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Retirar del portal (volver a borrador)"), permissions=["change"])
    def withdraw_selected(self, request, queryset):
        count = self._set_published(request, queryset, False)
        message = ngettext(
            "Se retiró %(count)s elemento del portal.",
            "Se retiraron %(count)s elementos del portal.",
            count,
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)
