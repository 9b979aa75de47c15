import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler


@pytest.fixture(scope="session")
def api_schema(django_db_setup, django_db_blocker):
    """The OpenAPI schema as /api/schema/ serves it, read once (the shipped data stays put).

    Loaded by schemathesis through Django's WSGI handler, in-process; `.raw_schema` is the
    plain dict.
    """
    with django_db_blocker.unblock():
        return schemathesis.openapi.from_wsgi("/api/schema/", WSGIHandler())
