"""Search indexes on PostgreSQL: a GIN index on the articles' weighted search
vector, and trigram indexes on article and series titles and people's names
for typo tolerance (search lives in this app and is their only user). Built
CONCURRENTLY, so adding them to a big live table blocks no writes; SQLite
needs none of them."""

from django.db import migrations

INDEXES = {
    "newsroom_article_search_vector_gin": "newsroom_article USING gin (search_vector)",
    "newsroom_article_title_trgm": "newsroom_article USING gin (title gin_trgm_ops)",
    "series_series_title_trgm": "series_series USING gin (title gin_trgm_ops)",
    "series_person_name_trgm": "series_person USING gin (name gin_trgm_ops)",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, target in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} ON {target}")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction

    dependencies = [("newsroom", "0001_initial"), ("series", "0001_initial")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
