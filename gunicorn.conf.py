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
# Recycle workers now and then so a slow leak never takes the portal down, but rarely: each
# restart costs about 0.33 CPU s (Django and the apps imported again, templates compiled again,
# the per-process cache emptied), and at 1,000 requests a worker serving a static file at
# hundreds of requests a second restarted every few seconds (hundreds of times per benchmark run).
# The jitter (±10 %) keeps the workers from restarting all at once. 0 turns recycling off.
max_requests = int(_setting("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = max_requests // 10
accesslog = "-"
errorlog = "-"
# Trust X-Forwarded-* only from the reverse proxy in front of the container.
forwarded_allow_ips = _setting("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Heartbeat files in memory, not on the container's overlay filesystem.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
