"""One app process for tests/core/test_page_cache_processes.py: reads commands, prints JSON.

`GET <path>` answers {"status", "queries", "body"} through the whole middleware stack;
`RENAME <slug> <name>` saves a state as staff would. The environment names the database
and the Redis cache shared with the other process.
"""

import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
sys.path.insert(0, os.getcwd())

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from states.models import State  # noqa: E402

client = Client()
for line in sys.stdin:
    command, _, argument = line.strip().partition(" ")
    if command == "GET":
        with CaptureQueriesContext(connection) as queries:
            response = client.get(argument)
        answer = {
            "status": response.status_code,
            "queries": len(queries),
            "body": response.content.decode(),
        }
    else:
        slug, name = argument.split(" ", 1)
        state = State.objects.get(slug=slug)
        state.name = name
        state.save()
        answer = {"renamed": slug}
    print(json.dumps(answer), flush=True)
