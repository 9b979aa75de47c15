"""Whole-page cache for anonymous readers, invalidated at once when anything public changes.

Every cached page is keyed by a *generation*: the time of the last change to public data,
kept in the shared cache (Redis when REDIS_URL is set), so a change saved by any process
makes every process stop serving the old pages at once. Nothing is deleted: old entries
just stop being asked for and expire.

The generation moves on (`bump_public_generation`):
- after save/delete/m2m changes of any model of the public apps (`PUBLIC_CACHE_APPS`), now and
  again when the transaction commits (so no process caches a page read before the commit under
  the new generation);
- after bulk writes that send no signals (the import framework's upserts call it);
- after every request that may write (POST and the like), which covers admin actions that
  use `QuerySet.update()`.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag

GENERATION_KEY = "public-pages:generation"
SAFE_METHODS = {"GET", "HEAD"}
# Responses larger than this are not cached (a whole-table CSV has no place in the cache).
MAX_CACHED_BYTES = 2_000_000


def public_generation() -> int:
    """The current generation (whole seconds since the epoch of the last public change)."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, int(time.time()), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return int(generation)


def _bump() -> None:
    # At least one more than before, even twice in the same second.
    current = cache.get(GENERATION_KEY) or 0
    cache.set(GENERATION_KEY, max(int(time.time()), int(current) + 1), timeout=None)


def bump_public_generation() -> None:
    """Make every process stop serving pages rendered before now (and at commit)."""
    _bump()
    transaction.on_commit(_bump)


def _public_model_changed(sender, **kwargs) -> None:
    if sender._meta.app_label in settings.PUBLIC_CACHE_APPS:
        bump_public_generation()


def connect_invalidation_signals() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_public_model_changed, dispatch_uid=f"public-pages-{id(signal)}")


def _is_cacheable_request(request) -> bool:
    return (
        settings.PUBLIC_PAGE_CACHE_SECONDS > 0
        and request.method in SAFE_METHODS
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "/admin/" not in request.path
    )


def _is_cacheable_response(response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "Cookie" not in response.get("Vary", "")
        and len(response.content) <= MAX_CACHED_BYTES
    )


class PublicPageCacheMiddleware:
    """Serve anonymous GETs of public pages from the cache, with ETag, Last-Modified and 304s.

    Sits above GZipMiddleware, so it keeps the compressed page (one entry per URL and per
    "accepts gzip") and a hit costs neither rendering nor compressing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in SAFE_METHODS:
            response = self.get_response(request)
            user = getattr(request, "user", None)
            if user is not None and user.is_staff:
                bump_public_generation()
            return response
        if not _is_cacheable_request(request):
            return self.get_response(request)
        generation = public_generation()
        gzip = "gzip" in request.headers.get("Accept-Encoding", "")
        path_hash = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"public-pages:{generation}:{int(gzip)}:{path_hash}"
        entry = cache.get(key)
        if entry is None:
            response = self.get_response(request)
            if not _is_cacheable_response(response):
                return response
            etag = quote_etag(hashlib.md5(response.content, usedforsecurity=False).hexdigest())
            response.headers["ETag"] = etag
            response.headers["Last-Modified"] = http_date(generation)
            entry = {"content": response.content, "headers": dict(response.items())}
            cache.set(key, entry, settings.PUBLIC_PAGE_CACHE_SECONDS)
        else:
            response = HttpResponse(entry["content"])
            for name, value in entry["headers"].items():
                response.headers[name] = value
        # Shared caches may keep it briefly; they cannot be told when staff publish.
        patch_cache_control(response, public=True, max_age=settings.PUBLIC_PAGE_MAX_AGE)
        return get_conditional_response(
            request,
            etag=entry["headers"]["ETag"],
            last_modified=generation,
            response=response,
        )
