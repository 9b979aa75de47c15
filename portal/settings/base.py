"""Settings shared by every environment; each value that differs comes from the environment."""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# The .env file in the project folder is read only when asked, with
# DJANGO_READ_DOT_ENV_FILE=true in the real environment (cookiecutter-django's convention), so
# a stray .env can't change tests, CI or production. Real environment variables win over it.
READ_DOT_ENV_FILE = env.bool("DJANGO_READ_DOT_ENV_FILE", default=False)
if READ_DOT_ENV_FILE:
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default=None)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # django.contrib.admin, with a scoped view-on-site and optional two-factor login
    # (core/admin_site.py).
    "core.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Before staticfiles so `runserver` serves files the way production does.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    "django_tables2",
    "django_filters",
    "simple_history",
    "axes",
    # The API's documentation (Swagger UI) from its bundled static files, not a CDN.
    "ninja",
    "corsheaders",
    # Two-factor login for staff (TOTP codes; static codes for emergencies), when
    # ADMIN_2FA_REQUIRED is true.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Background jobs (admin imports of large files): Django 6's django.tasks API, backported,
    # and its database backend, which works on SQLite and PostgreSQL alike.
    "django_tasks",
    "django_tasks_db",
    "core",
    "states",
    "debt",
    "commitments",
]

MIDDLEWARE = [
    "core.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    # Before anything that may answer (django-cors-headers asks it): CORS headers on /api/.
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above GZip, so a cached page is kept compressed; below WhiteNoise, which serves static files.
    "core.page_cache.PublicPageCacheMiddleware",
    # HTML compressed here (static files come precompressed from WhiteNoise). BREACH: public
    # pages hold no secret (no CSRF token, no session); admin pages' CSRF tokens are masked
    # anew on every response and Django pads gzip output with random bytes.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.PublicLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Marks request.user verified once they gave a one-time code (two-factor admin login).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Records which staff user made each change, for the history of every record.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its "locked" answer.
    "axes.middleware.AxesMiddleware",
]

# Login throttling (django-axes, its tables in the database: SQLite or PostgreSQL alike):
# after 10 wrong passwords for one username from one address, that pair is refused for
# 30 minutes, even with the right password. Another user, or the same user elsewhere, is not.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True

# Where the admin lives (e.g. a path only staff know); templates and code use {% url %}.
ADMIN_URL = env("ADMIN_URL", default="admin/").strip("/") + "/"
# Staff must give a one-time code from their device (TOTP) as well as their password.
# Turn it on after every staff member has a device: admin → «TOTP devices» (a QR code to
# scan), or `manage.py addstatictoken USER` for a one-time emergency code.
ADMIN_2FA_REQUIRED = env.bool("ADMIN_2FA_REQUIRED", default=False)

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.portal",
            ],
        },
    },
]

# Without DATABASE_URL the portal runs on SQLite in the project folder, so a
# first run needs no database server. Production and CI use PostgreSQL.
DATABASE_URL = env("DATABASE_URL", default="") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
DATABASES = {"default": env.db_url_config(DATABASE_URL)}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# A read replica for public reads (README, «Escalar»): only when DATABASE_REPLICA_URL is set.
DATABASE_REPLICA_URL = env("DATABASE_REPLICA_URL", default="")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = {
        **env.db_url_config(DATABASE_REPLICA_URL),
        "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
        "CONN_HEALTH_CHECKS": True,
        # Tests see one database: the replica's alias points at the primary's test database.
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["portal.db_routers.PrimaryReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
        "portal.db_routers.PrimaryForWritesMiddleware",
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Write-ahead log: pages keep reading while the import worker holds its write transaction.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Django 6's default today: a URL typed without a scheme is taken as https://.
FORMS_URLFIELD_ASSUME_HTTPS = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Spanish (Mexico) is the public language; English is available through gettext.
LANGUAGE_CODE = "es-mx"
LANGUAGES = [
    ("es-mx", _("Español")),
    ("en", _("English")),
]
LOCALE_PATHS = [
    BASE_DIR / "locale",
    # Lowercase month and weekday names for es-MX ("3 de diciembre de 2016").
    BASE_DIR / "portal" / "locale_overrides",
]
TIME_ZONE = "America/Mexico_City"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env("STATIC_ROOT", default="") or BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Compressed (gzip + brotli) files with content hashes in their names, so
    # they can be cached forever.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Admin imports run as background jobs (core/import_jobs.py): the web process enqueues them in
# the database and `manage.py db_worker` runs them. TASKS_BACKEND=
# django_tasks.backends.immediate.ImmediateBackend runs them inside the request instead
# (no worker; a large file may then outlast the web server's timeout).
TASKS = {
    "default": {"BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")},
}
# Where a running import reports rows done / total, read by the admin's progress bar: a cache
# both the web and the worker processes reach (a shared folder by default; redis://… or
# another cache URL when they run on different machines). Not the database: the import's own
# transaction would hide the progress until the end (and SQLite allows one writer).
CACHES = {
    # Shared by every process of one machine (gunicorn's workers, the import worker), so a
    # change saved in one invalidates the cached pages of all; Redis below for several machines.
    "default": env.cache_url_config(
        env("CACHE_URL", default="") or f"filecache://{BASE_DIR / 'var' / 'cache'}"
    ),
    "import_progress": env.cache_url_config(
        env("IMPORT_PROGRESS_CACHE_URL", default="")
        or f"filecache://{BASE_DIR / 'var' / 'import-progress'}"
    ),
}
MEDIA_URL = "media/"
MEDIA_ROOT = env("MEDIA_ROOT", default="") or BASE_DIR / "media"
# Uploaded files live on local disk (MEDIA_ROOT) unless MEDIA_S3_BUCKET names a bucket of an
# S3-compatible service (AWS, MinIO, …; needs `pip install "django-storages[s3]"`, not a
# default dependency). Either way core.media serves them: only published objects' files.
MEDIA_S3_BUCKET = env("MEDIA_S3_BUCKET", default="")
if MEDIA_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "core.storage.PortalS3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": env("MEDIA_S3_ENDPOINT_URL", default="") or None,
            "region_name": env("MEDIA_S3_REGION", default="") or None,
            # Credentials: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, read by boto3 itself.
            "location": env("MEDIA_S3_PREFIX", default=""),
            "default_acl": "private",
            "file_overwrite": False,
        },
    }
# Evidence files and citizen-report PDFs larger than this are refused on upload.
MEDIA_MAX_UPLOAD_MB = env.int("MEDIA_MAX_UPLOAD_MB", default=20)

# Content-Security-Policy: nothing from other hosts and no inline script.
# Charts read their data from <script type="application/json"> blocks, which
# are data, not script, so they need no exception.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        # No inline styles: plotly.js's rules come as a file (static/vendor/plotly/plotly.css,
        # linked so plotly.js injects no <style>); it sets the rest through the CSSOM
        # (element.style), which CSP allows. Colours from the database are SVG fill attributes.
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# The JSON API (/api/) is public, read-only and needs no login or cookie: any web page may
# read it from the browser (Access-Control-Allow-Origin: *). Credentials are never allowed,
# so a visitor's session cannot be used by another site; the rest of the portal sends no CORS.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
# Lets a script read the ETag to ask again with If-None-Match.
CORS_EXPOSE_HEADERS = ["ETag"]
# With REDIS_URL the cache is Redis, shared by every process on every machine; otherwise a
# folder on this machine (above). Sessions live in the database.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES["default"] = {
        # Django's backend, keeping its redis-py clients (core/cache.py says why).
        "BACKEND": "core.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="sigue-el-dinero"),
    }
    if not env("IMPORT_PROGRESS_CACHE_URL", default=""):
        # Import progress, too, is seen by every app server and the worker alike.
        CACHES["import_progress"] = {**CACHES["default"], "KEY_PREFIX": "import-progress"}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Whole public pages for anonymous readers (core.page_cache); 0 turns the cache off. Staff
# changes invalidate them at once, so this only bounds how long an unvisited page is kept.
PUBLIC_PAGE_CACHE_SECONDS = env.int("PUBLIC_PAGE_CACHE_SECONDS", default=60 * 60)
# How long browsers and shared caches (CDN) may reuse a page without asking (they cannot be
# told when staff publish); after that they ask again and usually get a 304.
PUBLIC_PAGE_MAX_AGE = env.int("PUBLIC_PAGE_MAX_AGE", default=60)
# Apps whose data public pages show: a change to any of their models invalidates the pages.
PUBLIC_CACHE_APPS = ["portal", "states", "debt", "commitments"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}

# What the footer says about who runs this copy of the portal.
PORTAL_PUBLISHER = env("PORTAL_PUBLISHER", default="Sigue el Dinero")
PORTAL_PUBLISHER_URL = env("PORTAL_PUBLISHER_URL", default="")
# How to reach the publisher (an e-mail address or a contact page), shown as written.
PORTAL_PUBLISHER_CONTACT = env("PORTAL_PUBLISHER_CONTACT", default="")
# The body that receives requests for public information about what this copy publishes.
# Set by whoever runs the copy: the bodies named in the 2016-2017 documents no longer exist.
PORTAL_INFORMATION_REQUESTS_BODY = env("PORTAL_INFORMATION_REQUESTS_BODY", default="")
PORTAL_INFORMATION_REQUESTS_URL = env("PORTAL_INFORMATION_REQUESTS_URL", default="")
PORTAL_SOURCE_CODE_URL = env("PORTAL_SOURCE_CODE_URL", default="")
PORTAL_DATA_LICENSE = env("PORTAL_DATA_LICENSE", default="CC BY 4.0")
PORTAL_DATA_LICENSE_URL = env(
    "PORTAL_DATA_LICENSE_URL", default="https://creativecommons.org/licenses/by/4.0/deed.es"
)
