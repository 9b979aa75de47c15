"""Guessing a staff password is cut short: ten wrong tries lock that username out."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db

LOGIN_URL = "/admin/login/?next=/admin/"
PASSWORD = "una-clave-larga-y-correcta"


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user(
        username="garante", password=PASSWORD, is_staff=True
    )


def log_in(client, username, password):
    return client.post(LOGIN_URL, {"username": username, "password": password})


def test_eleventh_try_is_refused_even_with_the_right_password(client, staff):
    for _ in range(9):
        assert log_in(client, "garante", "adivinanza").status_code == 200  # the form again
    log_in(client, "garante", "adivinanza")  # the tenth wrong password locks the pair out

    response = log_in(client, "garante", PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_admin_login_still_works_for_another_user(client, staff):
    for _ in range(10):
        log_in(client, "garante", "adivinanza")
    get_user_model().objects.create_user(username="fresca", password=PASSWORD, is_staff=True)

    assert client.get(LOGIN_URL).status_code == 200
    response = log_in(client, "fresca", PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_a_right_password_before_the_limit_logs_in(client, staff):
    for _ in range(3):
        log_in(client, "garante", "adivinanza")

    assert log_in(client, "garante", PASSWORD).status_code == 302
