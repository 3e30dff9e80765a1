"""The timing of each answered request's written notice, stored on the request (issue 10):
working days taken, late or not, working days late; and the indexes that read a body's
requests of a period (the statistics, measured by bench/reports.py). The columns are filled here for the
requests answered before, counted by ``queries.timings`` (the one counter, from the
columns) on each PPID body's calendar as it is now (``queries.calendars_from_values``,
built from this migration's historical bodies; the calendar's days are read through the
calendar API, hence the dependency on the latest workdays migration)."""

from django.db import migrations, models

BATCH = 2000


def fill_stored_timing(apps, schema_editor):
    from terbuka.requests import queries

    info_request_model = apps.get_model("requests", "InfoRequest")
    body_model = apps.get_model("bodies", "Body")
    answered = info_request_model.objects.filter(answered_at__isnull=False)
    ids = set(answered.order_by().values_list("ppid_body_id", flat=True).distinct())
    if not ids:
        return
    calendars = queries.calendars_from_values(
        body_model.objects.values_list(*queries.CALENDAR_BODY_FIELDS), ids
    )
    rows = answered.order_by("pk").values_list(
        "pk", "ppid_body_id", "received_at", "answered_at", "due_date"
    )
    batch = []
    for pk, result in queries.timings(rows.iterator(chunk_size=BATCH), calendars):
        batch.append(info_request_model(pk=pk, **queries.stored(result)))
        if len(batch) == BATCH:
            info_request_model.objects.bulk_update(batch, queries.TIMING_FIELDS)
            batch = []
    if batch:
        info_request_model.objects.bulk_update(batch, queries.TIMING_FIELDS)


class Migration(migrations.Migration):
    dependencies = [
        ("bodies", "0003_body_logo"),
        ("requests", "0012_public_log_order_index"),
        ("workdays", "0004_calendar_version"),
    ]

    operations = [
        migrations.AddField(
            model_name="inforequest",
            name="answered_late",
            field=models.BooleanField(
                default=False, editable=False, verbose_name="pemberitahuan terlambat"
            ),
        ),
        migrations.AddField(
            model_name="inforequest",
            name="working_days_late",
            field=models.PositiveIntegerField(
                blank=True, editable=False, null=True, verbose_name="hari kerja keterlambatan"
            ),
        ),
        migrations.AddField(
            model_name="inforequest",
            name="working_days_taken",
            field=models.PositiveIntegerField(
                blank=True,
                editable=False,
                null=True,
                verbose_name="hari kerja sampai pemberitahuan",
            ),
        ),
        migrations.AddIndex(
            model_name="inforequest",
            index=models.Index(fields=["body", "received_at"], name="requests_body_received"),
        ),
        migrations.AddIndex(
            model_name="inforequest",
            index=models.Index(
                fields=["ppid_body", "received_at"], name="requests_ppid_received"
            ),
        ),
        migrations.RunPython(fill_stored_timing, migrations.RunPython.noop),
    ]
