"""A commitment's weighted steps are its activities: "milestone" names only the national
exercise's steps (states.MilestoneKind). Renamed in place: rows and history are kept."""

import django.db.models.deletion
from django.db import migrations, models

from core.roles import grant_role


def grant_stl(apps, schema_editor):
    # Renaming a model gives it new permission codenames: the STL role needs them.
    grant_role(apps, "Secretariado Técnico Local", {"commitments": ["commitmentactivity"]})


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0004_stl_role"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="commitmentmilestone", name="milestone_weight_positive"
        ),
        migrations.RenameModel(old_name="CommitmentMilestone", new_name="CommitmentActivity"),
        migrations.RenameModel(
            old_name="HistoricalCommitmentMilestone", new_name="HistoricalCommitmentActivity"
        ),
        migrations.AlterModelOptions(
            name="commitmentactivity",
            options={
                "ordering": ["commitment", "due_on", "pk"],
                "verbose_name": "actividad del compromiso",
                "verbose_name_plural": "actividades del compromiso",
            },
        ),
        migrations.AlterModelOptions(
            name="historicalcommitmentactivity",
            options={
                "get_latest_by": ("history_date", "history_id"),
                "ordering": ("-history_date", "-history_id"),
                "verbose_name": "historical actividad del compromiso",
                "verbose_name_plural": "historical actividades del compromiso",
            },
        ),
        migrations.AlterField(
            model_name="commitmentactivity",
            name="commitment",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="activities",
                to="commitments.commitment",
                verbose_name="compromiso",
            ),
        ),
        migrations.AddConstraint(
            model_name="commitmentactivity",
            constraint=models.CheckConstraint(
                condition=models.Q(("weight__gte", 1)), name="activity_weight_positive"
            ),
        ),
        migrations.RunPython(grant_stl, migrations.RunPython.noop),
    ]
