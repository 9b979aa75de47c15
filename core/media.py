"""Uploaded files (evidence, citizen-report PDFs), served by the portal itself.

A file is public when an object that holds it is public (its model's `visible()` or
`published()` queryset); staff also see unpublished ones among the rows the model's admin
shows them (a state's staff: their state's, see states.scoping). Anything
else, an unconfirmed import included, is a 404. The Content-Type comes from the file's content,
never its name; everything but PDF downloads as an attachment; browsers must not sniff.
"""

import posixpath

from django.apps import apps
from django.contrib import admin
from django.core.files.storage import default_storage
from django.db import models
from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe

from core.uploads import EVIDENCE_TYPES, HEAD_BYTES, PDF, detect


def _holders(name: str):
    """Querysets of the rows, in every model, whose file fields hold `name`."""
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                yield model, model._default_manager.filter(**{field.name: name})


def _public(queryset) -> bool:
    # Fail closed: a model that says nothing about publishing publishes no file.
    public = getattr(queryset, "visible", None) or getattr(queryset, "published", None)
    return public is not None and public().exists()


def _staff_may_view(request, model, queryset) -> bool:
    """Whether the model's admin shows this user a row holding the file (fail closed)."""
    user = request.user
    model_admin = admin.site._registry.get(model)
    if model_admin is None or not (user.is_active and user.is_staff):
        return False
    if not model_admin.has_view_permission(request):
        return False
    return model_admin.get_queryset(request).filter(pk__in=queryset.values("pk")).exists()


def may_serve(request, name: str) -> tuple[bool, bool]:
    """(may this request have the file, is it public)."""
    staff_match = False
    for model, queryset in _holders(name):
        if _public(queryset):
            return True, True
        if not staff_match and _staff_may_view(request, model, queryset):
            staff_match = True
    return staff_match, False


@require_safe
def media_file(request, name):
    name = posixpath.normpath(name)
    if name.startswith(("/", "..")) or "\x00" in name:
        raise Http404
    allowed, public = may_serve(request, name)
    if not allowed:
        raise Http404
    try:
        handle = default_storage.open(name, "rb")
    except (FileNotFoundError, OSError) as missing:
        raise Http404 from missing
    head = handle.read(HEAD_BYTES)
    handle.seek(0)
    content_type = detect(head, name).content_type
    if content_type not in EVIDENCE_TYPES:
        content_type = "application/octet-stream"
    response = FileResponse(
        handle,
        content_type=content_type,
        # A PDF opens in the browser's viewer; anything else is saved, never rendered.
        as_attachment=content_type != PDF,
        filename=posixpath.basename(name),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
    return response
