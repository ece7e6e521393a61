"""Search: the article's plain body text and, on PostgreSQL, its weighted search
vector with a GIN index, and a trigram index on titles for typo tolerance."""

import django.contrib.postgres.search
from django.db import migrations, models

# A snapshot of newsroom.search.article_search_vector() as SQL, to fill existing rows.
FILL_VECTORS = """
UPDATE newsroom_article AS article SET search_vector =
    setweight(to_tsvector('english', coalesce(article.title, '')), 'A')
    || setweight(to_tsvector('english', coalesce(article.dek, '')), 'B')
    || setweight(to_tsvector('english', concat_ws(' ',
        (SELECT string_agg(s.title, ' ') FROM newsroom_article_series AS link
            JOIN series_series AS s ON s.id = link.series_id
            WHERE link.article_id = article.id),
        (SELECT string_agg(p.name, ' ') FROM newsroom_article_people AS link
            JOIN series_person AS p ON p.id = link.person_id
            WHERE link.article_id = article.id),
        (SELECT string_agg(a.name, ' ') FROM newsroom_article_authors AS link
            JOIN newsroom_author AS a ON a.id = link.author_id
            WHERE link.article_id = article.id),
        (SELECT string_agg(t.name, ' ') FROM taggit_taggeditem AS item
            JOIN taggit_tag AS t ON t.id = item.tag_id
            JOIN django_content_type AS ct ON ct.id = item.content_type_id
            WHERE ct.app_label = 'newsroom' AND ct.model = 'article'
            AND item.object_id = article.id)
    )), 'C')
    || setweight(to_tsvector('english', coalesce(article.search_text, '')), 'D')
"""


def fill_search_text(apps, schema_editor):
    from newsroom.embeds import body_text

    Article = apps.get_model("newsroom", "Article")
    articles = Article.objects.only("pk", "body_html").order_by("pk")
    batch = []
    for article in articles.iterator(chunk_size=500):
        article.search_text = body_text(article.body_html)
        batch.append(article)
        if len(batch) == 500:
            Article.objects.bulk_update(batch, ["search_text"])
            batch = []
    Article.objects.bulk_update(batch, ["search_text"])


def create_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX newsroom_article_search_vector_gin "
        "ON newsroom_article USING gin (search_vector)"
    )
    schema_editor.execute(
        "CREATE INDEX newsroom_article_title_trgm "
        "ON newsroom_article USING gin (title gin_trgm_ops)"
    )
    schema_editor.execute(FILL_VECTORS)


def drop_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS newsroom_article_title_trgm")
    schema_editor.execute("DROP INDEX IF EXISTS newsroom_article_search_vector_gin")


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("newsroom", "0008_old_slugs"),
        ("series", "0004_search_indexes"),
        (
            "taggit",
            "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx",
        ),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_text",
            field=models.TextField(default="", editable=False),
        ),
        migrations.AddField(
            model_name="article",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True
            ),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
        migrations.RunPython(create_search_indexes, drop_search_indexes),
    ]
