"""The admin at a configurable path, and optional two-factor login for staff."""

import importlib

import pytest
from django.urls import clear_url_caches, reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

import portal.urls
from tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "una-clave-larga-de-prueba"  # tests/factories.py


def reload_urls():
    importlib.reload(portal.urls)
    clear_url_caches()


@pytest.fixture
def admin_moved_to(settings):
    original = settings.ADMIN_URL
    settings.ADMIN_URL = "gestion-7f3a/"
    reload_urls()
    yield "/gestion-7f3a/"
    # Back where it was before the next test resolves a URL (the settings fixture's own
    # restore comes later, after the URLs are rebuilt).
    settings.ADMIN_URL = original
    reload_urls()


def test_the_admin_answers_only_at_admin_url(client, admin_moved_to):
    assert reverse("admin:index") == admin_moved_to
    assert client.get(admin_moved_to).status_code == 302  # to its login page
    assert client.get(f"{admin_moved_to}login/").status_code == 200
    assert client.get("/admin/").status_code == 404
    assert client.get("/admin/login/").status_code == 404


@pytest.fixture
def staff_with_a_phone(settings):
    settings.ADMIN_2FA_REQUIRED = True
    user = StaffUserFactory(username="garante-2fa", is_superuser=True)
    return user, TOTPDevice.objects.create(user=user, name="teléfono")


def current_code(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def wrong_code(device):
    code = current_code(device)
    return code[:-1] + str((int(code[-1]) + 5) % 10)


def log_in(client, user, **extra):
    return client.post(
        reverse("admin:login"),
        {"username": user.username, "password": PASSWORD, "next": reverse("admin:index"), **extra},
    )


def test_with_two_factor_a_password_alone_does_not_open_the_admin(client, staff_with_a_phone):
    user, device = staff_with_a_phone

    refused = log_in(client, user, otp_device=device.persistent_id, otp_token=wrong_code(device))

    assert refused.status_code == 200 and refused.context["form"].errors
    assert client.get(reverse("admin:index")).status_code == 302
    # A session logged in some other way (password only) is not enough either.
    client.force_login(user)
    assert client.get(reverse("admin:index")).status_code == 302


def test_with_two_factor_password_and_code_open_the_admin(client, staff_with_a_phone):
    user, device = staff_with_a_phone

    accepted = log_in(client, user, otp_device=device.persistent_id, otp_token=current_code(device))

    assert accepted.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_without_two_factor_the_password_is_enough(client, settings):
    settings.ADMIN_2FA_REQUIRED = False
    user = StaffUserFactory(username="garante-sin-2fa", is_superuser=True)

    assert log_in(client, user).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200
