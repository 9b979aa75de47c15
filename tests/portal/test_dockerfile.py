"""The production image's recipe. No Docker engine runs here, so its shape is checked."""

import re
from pathlib import Path

DOCKERFILE = (Path(__file__).resolve().parents[2] / "Dockerfile").read_text(encoding="utf-8")


def instructions(name):
    return re.findall(rf"^{name}\s+(.+)$", DOCKERFILE, flags=re.MULTILINE)


def test_image_is_multi_stage_and_runs_as_a_non_root_user():
    assert len(instructions("FROM")) >= 2
    assert any("--from=build" in line for line in instructions("COPY"))
    users = instructions("USER")
    assert users and users[-1].strip() not in ("root", "0")


def test_static_files_are_collected_at_build_time():
    assert any("collectstatic" in line for line in instructions("RUN"))


def test_gunicorn_is_the_command_and_the_health_check_asks_salud():
    assert "gunicorn" in instructions("CMD")[-1]
    assert "portal.wsgi" in instructions("CMD")[-1]
    healthcheck = DOCKERFILE[DOCKERFILE.index("HEALTHCHECK") :]
    assert "/salud/" in healthcheck.split("CMD", 1)[1].splitlines()[0]


def test_production_settings_are_the_default_in_the_image():
    assert "DJANGO_SETTINGS_MODULE=portal.settings.production" in DOCKERFILE


def test_documented_first_run_loads_every_shipped_dataset():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    docker_lines = [line for line in readme.splitlines() if line.startswith("docker run")]

    assert any("manage.py load_shipped_data" in line for line in docker_lines)
    assert "manage.py load_shipped_data" in DOCKERFILE
    assert not any("loaddata" in line for line in docker_lines)
