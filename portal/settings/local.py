"""Settings for running the portal on your own machine (`make run`)."""

from .base import *  # noqa: F403
from .base import STORAGES, env

# A fixed key is fine on a laptop; production refuses to start without its own.
SECRET_KEY = env("SECRET_KEY", default="django-insecure-local-only-key-do-not-use-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
# Hashed names as in production, without compressing every file twice (gzip and brotli at
# their highest levels: 26 of a first `make run`'s seconds). On one's own machine nothing
# travels over a slow network; the Dockerfile's collectstatic compresses for production.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
