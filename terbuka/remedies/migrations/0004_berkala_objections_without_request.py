"""Ground b (berkala information not provided, UU 14/2008 Pasal 35(1)b) needs no request:
an objection may be filed against a body, from its page or one of its DIP entries. Every
objection now names the body objected to; existing ones take their request's body."""

import django.db.models.deletion
from django.db import migrations, models


def fill_body(apps, schema_editor):
    Objection = apps.get_model("remedies", "Objection")
    for objection in Objection.objects.filter(body__isnull=True).select_related("info_request"):
        objection.body_id = objection.info_request.body_id
        objection.save(update_fields=["body"])


class Migration(migrations.Migration):

    dependencies = [
        ("bodies", "0001_initial"),
        ("catalog", "0002_version_extraction_started_at"),
        ("remedies", "0003_competent_commission"),
        ("requests", "0007_request_file_without_request"),
    ]

    operations = [
        migrations.AlterField(
            model_name="objection",
            name="info_request",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="objections",
                to="requests.inforequest",
                verbose_name="permohonan",
            ),
        ),
        migrations.AddField(
            model_name="objection",
            name="body",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="bodies.body",
                verbose_name="badan publik",
            ),
        ),
        migrations.RunPython(fill_body, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="objection",
            name="body",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="bodies.body",
                verbose_name="badan publik",
            ),
        ),
        migrations.AddField(
            model_name="objection",
            name="catalog_entry",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="catalog.entry",
                verbose_name="entri DIP",
            ),
        ),
        migrations.AddField(
            model_name="objection",
            name="information",
            field=models.TextField(blank=True, verbose_name="informasi berkala yang tidak disediakan"),
        ),
        migrations.AddField(
            model_name="objection",
            name="missing_since",
            field=models.DateField(blank=True, null=True, verbose_name="tidak diperbarui sejak"),
        ),
        migrations.AddConstraint(
            model_name="objection",
            constraint=models.CheckConstraint(
                condition=models.Q(("info_request__isnull", False), models.Q(("information", ""), _negated=True), _connector="OR"),
                name="remedies_berkala_objection_names_information",
            ),
        ),
    ]
