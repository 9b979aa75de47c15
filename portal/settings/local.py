"""Settings for running the portal on your own machine (`make run`)."""

from .base import *  # noqa: F403
from .base import env

# A fixed key is fine on a laptop; production refuses to start without its own.
SECRET_KEY = env("SECRET_KEY", default="django-insecure-local-only-key-do-not-use-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
