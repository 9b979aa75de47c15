from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """Accent-insensitive full-text search on PostgreSQL (a no-op on SQLite)."""

    dependencies = [("commitments", "0001_initial")]

    operations = [UnaccentExtension()]
