"""Settings for the test suite: fast hashing, no manifest, same database choice as the rest."""

import tempfile

from .base import *  # noqa: F403
from .base import CACHES, REDIS_URL, STORAGES, env

SECRET_KEY = "test-only-secret-key"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests must not depend on `collectstatic` having run.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Static files reach the browser tests through the live server's own handler (Django's
# StaticFilesHandler, in front of the middleware), never through WhiteNoise. With its finders
# on, WhiteNoise indexed every static file each time a test client was made (~500 times a
# run, 20 ms each).
WHITENOISE_USE_FINDERS = False
# Nothing is collected for tests; an empty folder keeps WhiteNoise from warning it is missing.
STATIC_ROOT = tempfile.mkdtemp(prefix="sigue-el-dinero-static-")
# Tests roll back their rows: a page cached in one test would show them to the next. The
# cache's own tests turn it on (tests/core/test_page_cache.py).
PUBLIC_PAGE_CACHE_SECONDS = env.int("PUBLIC_PAGE_CACHE_SECONDS", default=0)
# Uploaded files (admin imports) go to a throwaway folder, not the project's media/.
MEDIA_ROOT = tempfile.mkdtemp(prefix="sigue-el-dinero-media-")
# Import jobs run inside the request (tests/core/test_import_jobs.py runs the database
# backend and its worker in-process); their progress stays in this process's memory.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CACHES = {
    **CACHES,
    # Each test process its own (xdist workers, runs), nothing kept on disk between runs;
    # Redis only where a test asks for it (tests/core/test_page_cache_processes.py).
    "default": CACHES["default"]
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "import_progress": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}
