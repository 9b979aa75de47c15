# syntax=docker/dockerfile:1
# Production image: gunicorn serving the portal, static files compressed and hashed at build.
# First run (README, "Deploy"): `docker run … python manage.py migrate`, then
# `docker run … python manage.py load_shipped_data` (every shipped dataset, in order).
# Admin imports run in a second container of this image: `docker run … python manage.py
# db_worker` (README, "Background imports"); it shares MEDIA_ROOT and the progress cache.

FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
COPY requirements.txt /tmp/requirements.txt
RUN /opt/venv/bin/pip install -r /tmp/requirements.txt

FROM python:3.11-slim-bookworm AS runtime
ENV PATH="/opt/venv/bin:$PATH" \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=portal.settings.production \
    PORT=8000
RUN groupadd --system --gid 10001 portal \
    && useradd --system --uid 10001 --gid portal --home-dir /app --shell /usr/sbin/nologin portal
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY --chown=portal:portal . /app
# collectstatic needs settings that load, not real secrets: these values exist only in this step.
RUN SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput -v 0
USER portal
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/salud/', timeout=4).status == 200 else 1)"]
CMD ["gunicorn", "portal.wsgi", "--config", "gunicorn.conf.py"]
