"""Two branches of work each added a model after 0005 (outputs; plan evaluations)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0007_commitment_output_role"),
        ("commitments", "0007_plan_evaluation_role"),
    ]

    operations = []
