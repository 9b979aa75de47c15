"""The settings read a .env file only when DJANGO_READ_DOT_ENV_FILE=true says so.

Each case imports a copy of portal/settings in a fresh Python, in a temporary project folder
with its own .env, so the developer's real .env is never read or written.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[1]
PRINT_PUBLISHER = "from portal.settings import base; print(base.PORTAL_PUBLISHER)"


@pytest.fixture
def project_with_dot_env(tmp_path):
    shutil.copytree(PROJECT_DIR / "portal" / "settings", tmp_path / "portal" / "settings")
    (tmp_path / "portal" / "__init__.py").touch()
    (tmp_path / ".env").write_text(
        "PORTAL_PUBLISHER=Publicado desde .env\nDJANGO_READ_DOT_ENV_FILE=true\n",
        encoding="utf-8",
    )
    return tmp_path


def publisher_seen(project, **environment):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PORTAL_PUBLISHER", "DJANGO_READ_DOT_ENV_FILE", "PYTHONPATH")
    }
    env.update(environment)
    result = subprocess.run(
        [sys.executable, "-c", PRINT_PUBLISHER],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip()


def test_dot_env_is_ignored_unless_asked(project_with_dot_env):
    # Even the .env's own DJANGO_READ_DOT_ENV_FILE=true does not turn reading on.
    assert publisher_seen(project_with_dot_env) == "Sigue el Dinero"


@pytest.mark.parametrize("flag", ["false", "0", ""])
def test_dot_env_is_ignored_when_the_flag_is_off(project_with_dot_env, flag):
    assert publisher_seen(project_with_dot_env, DJANGO_READ_DOT_ENV_FILE=flag) == "Sigue el Dinero"


def test_dot_env_is_read_when_asked(project_with_dot_env):
    seen = publisher_seen(project_with_dot_env, DJANGO_READ_DOT_ENV_FILE="true")

    assert seen == "Publicado desde .env"


def test_real_environment_wins_over_dot_env(project_with_dot_env):
    seen = publisher_seen(
        project_with_dot_env, DJANGO_READ_DOT_ENV_FILE="true", PORTAL_PUBLISHER="Del entorno"
    )

    assert seen == "Del entorno"


def test_env_example_says_how_to_turn_dot_env_on():
    example = (PROJECT_DIR / ".env.example").read_text(encoding="utf-8")

    assert "DJANGO_READ_DOT_ENV_FILE=true" in example
