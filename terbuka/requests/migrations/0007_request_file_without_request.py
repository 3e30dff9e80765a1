"""A stored file may belong to an objection that has no request (ground b, berkala
information not provided): such a file has no request and is served only through its
objection."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("requests", "0006_disposition_lapsed_due_date_missed"),
    ]

    operations = [
        migrations.AlterField(
            model_name="requestfile",
            name="info_request",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="files",
                to="requests.inforequest",
            ),
        ),
    ]
