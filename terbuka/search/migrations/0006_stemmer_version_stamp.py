"""The stemmer version an index was built with (issue 11: Hunspell roots replace
Snowball's). An index that already holds documents was built with Snowball and is stamped
so, which makes it stale: ``rebuild_search_index --if-stale`` (README's upgrade notes)
rebuilds it and the ``search.W001`` check warns until then. An empty index is stamped with
the current version: there is nothing to rebuild."""

from django.db import migrations, models

# The stemmer before issue 11 (PyStemmer's Snowball with three patched roots).
SNOWBALL_VERSION = "snowball/0"


def stamp(apps, schema_editor):
    from terbuka.search.stemming import STEMMER_VERSION

    SearchDocument = apps.get_model("search", "SearchDocument")
    IndexStamp = apps.get_model("search", "IndexStamp")
    version = SNOWBALL_VERSION if SearchDocument.objects.exists() else STEMMER_VERSION
    IndexStamp.objects.create(id=1, stemmer_version=version)


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0005_generic_sources"),
    ]

    operations = [
        migrations.CreateModel(
            name="IndexStamp",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("stemmer_version", models.CharField(max_length=100)),
                ("stamped_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "verbose_name": "versi stemmer indeks pencarian",
                "verbose_name_plural": "versi stemmer indeks pencarian",
            },
        ),
        migrations.RunPython(stamp, migrations.RunPython.noop),
    ]
