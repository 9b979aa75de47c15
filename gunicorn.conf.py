"""Gunicorn settings for `gunicorn portal.wsgi` (read from this folder by default)."""

import multiprocessing
import os


def _setting(name, default):
    """Return an environment variable, treating an empty value as unset."""
    return os.environ.get(name) or default


bind = f"0.0.0.0:{_setting('PORT', '8000')}"
workers = int(_setting("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(_setting("GUNICORN_THREADS", "1"))
timeout = int(_setting("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# Recycle workers now and then so a slow leak never takes the portal down.
max_requests = 1000
max_requests_jitter = 100
accesslog = "-"
errorlog = "-"
# Trust X-Forwarded-* only from the reverse proxy in front of the container.
forwarded_allow_ips = _setting("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Heartbeat files in memory, not on the container's overlay filesystem.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
