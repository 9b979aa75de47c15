"""Settings come from the environment; production refuses to start half-configured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "k3y-for-the-deploy-check-" + "x9Q7mZ2pL4vB8nR1" * 4,
    "ALLOWED_HOSTS": "deuda.example.org",
    "DATABASE_URL": "",
}


def run_manage(*args, env_overrides):
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for this process; a production
    # environment must not have it (the deploy check warns, rightly).
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without(missing):
    # An empty value counts as missing (and keeps a developer's .env from filling it in).
    result = run_manage("check", env_overrides={**PRODUCTION_ENV, missing: ""})

    assert result.returncode != 0
    assert f"Set {missing}" in result.stderr


def test_production_deploy_check_prints_no_warnings():
    result = run_manage("check", "--deploy", env_overrides=PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stderr.upper()


def test_defaults_are_spanish_mexico_and_debug_off(settings):
    from portal.settings import base

    assert base.LANGUAGE_CODE == "es-mx"
    assert base.TIME_ZONE == "America/Mexico_City"
    assert "en" in dict(base.LANGUAGES)
    assert base.env.bool("DEBUG_UNSET_FOR_THIS_TEST", default=False) is False
    assert settings.DEBUG is False


def test_database_url_selects_the_database():
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    sqlite = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=PROJECT_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.local", "DATABASE_URL": ""},
        capture_output=True,
        text=True,
        check=True,
    )
    postgres = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=PROJECT_DIR,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.local",
            "DATABASE_URL": "postgres://someone@db.invalid:5432/portal",
        },
        capture_output=True,
        text=True,
        check=True,
    )
    assert sqlite.stdout.strip() == "django.db.backends.sqlite3"
    assert postgres.stdout.strip() == "django.db.backends.postgresql"
