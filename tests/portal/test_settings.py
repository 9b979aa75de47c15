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
    # A production environment must not have DJANGO_ALLOW_ASYNC_UNSAFE (the deploy check
    # warns, rightly), even if the shell running the tests has it.
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


def test_defaults_are_spanish_mexico():
    from portal.settings import base

    assert base.LANGUAGE_CODE == "es-mx"
    assert base.TIME_ZONE == "America/Mexico_City"
    assert "en" in dict(base.LANGUAGES)


def base_debug(**env_overrides):
    """Return DEBUG as portal.settings.base sets it in a fresh interpreter, without a .env file."""
    # In this process the test settings have already set DEBUG. The fresh interpreter skips
    # reading .env, so a developer's own file cannot decide the outcome either.
    code = (
        "import environ; environ.Env.read_env = lambda *args, **kwargs: None; "
        "from portal.settings import base; print(base.DEBUG)"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DJANGO_SETTINGS_MODULE")}
    env.update(env_overrides)
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_debug_is_off_unless_the_environment_turns_it_on():
    assert base_debug() == "False"
    assert base_debug(DEBUG="on") == "True"


def setting_in_a_fresh_interpreter(expression, **env):
    """Return `expression` (of `settings`) as the settings module named by
    DJANGO_SETTINGS_MODULE sets it under `env` (None removes a variable).

    Importing the module is what decides it; django.setup() would add ~1 s of app loading."""
    code = (
        "import importlib, os; "
        "settings = importlib.import_module(os.environ['DJANGO_SETTINGS_MODULE']); "
        f"print({expression})"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_DIR,
        env={k: v for k, v in {**os.environ, **env}.items() if v is not None},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def test_database_url_selects_the_database():
    def engine(database_url):
        return setting_in_a_fresh_interpreter(
            "settings.DATABASES['default']['ENGINE']",
            DJANGO_SETTINGS_MODULE="portal.settings.local",
            DATABASE_URL=database_url,
        )

    assert engine("") == "django.db.backends.sqlite3"
    assert engine("postgres://someone@db.invalid:5432/portal") == "django.db.backends.postgresql"


def test_the_cache_is_shared_by_every_process_of_a_deployment():
    # Cached pages are invalidated through the cache: a per-process cache (local memory) would
    # let one gunicorn worker keep serving what staff changed through another.
    def backend(**env):
        return setting_in_a_fresh_interpreter(
            "settings.CACHES['default']['BACKEND']", **PRODUCTION_ENV, **env
        )

    assert backend(REDIS_URL=None, CACHE_URL=None).endswith("FileBasedCache")
    assert backend(REDIS_URL="redis://127.0.0.1:6379/0").endswith("RedisCache")
