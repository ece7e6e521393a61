"""Trigram indexes on series titles and people's names, so search forgives
typos quickly; PostgreSQL only (SQLite search needs no index)."""

from django.db import migrations


def create_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX series_series_title_trgm "
        "ON series_series USING gin (title gin_trgm_ops)"
    )
    schema_editor.execute(
        "CREATE INDEX series_person_name_trgm "
        "ON series_person USING gin (name gin_trgm_ops)"
    )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS series_person_name_trgm")
    schema_editor.execute("DROP INDEX IF EXISTS series_series_title_trgm")


class Migration(migrations.Migration):

    dependencies = [("series", "0003_updated_at")]

    operations = [migrations.RunPython(create_trigram_indexes, drop_trigram_indexes)]
