"""Reader search over articles, series and people.

On PostgreSQL, articles are ranked by full-text search over a stored, weighted
vector (title A; summary B; series, tags, bylines and people C; body D), and
typos are forgiven with trigram similarity on article titles and on every name
of a series or person. SQLite, used for development, falls back to substring
matching plus difflib. Either way search starts from ``Article.objects.live()``,
so it never shows what readers may not see.
"""

import difflib
import re
from functools import cached_property

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import (
    Case,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from taggit.models import Tag, TaggedItem

from newsroom.articles.models import Article
from series.models import Person, Series

MAX_QUERY_LENGTH = 200
#: The SQLite fallback ANDs this many words at most.
MAX_WORDS = 10
#: Series and people shown above the articles.
NAMES_SHOWN = 5
#: Series and people whose coverage counts as a match, at the most.
NAMES_USED = 20
CONFIG = "english"
#: How close a query must be to a whole name line (an alias, a misspelling).
LINE_SIMILARITY = 0.45
#: How close a query must be to a name for the SQLite fallback (difflib ratio).
CLOSE_MATCH = 0.75
#: A one-character query would match almost any name by substring or trigram.
MIN_FUZZY_LENGTH = 2
#: A byline or tag found by part of its name needs this much of it.
MIN_NAME_LENGTH = 3
#: Private-use characters that mark matches until the snippet is escaped.
MARK_START, MARK_END = "\ue000", "\ue001"
MARKED = re.compile(f"{MARK_START}(.*?){MARK_END}", re.DOTALL)
SNIPPET_CHARS = 240


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def clean_query(raw: str | None) -> str:
    """What the reader typed, safe to search for: printable characters only
    (no NUL, which PostgreSQL refuses), single spaces, at most 200 characters."""
    printable = "".join(char if char.isprintable() else " " for char in raw or "")
    return " ".join(printable.split())[:MAX_QUERY_LENGTH].strip()


class Search:
    """One reader query, searched across live articles, series and people."""

    def __init__(self, raw_query: str | None):
        self.query = clean_query(raw_query)

    # Articles --------------------------------------------------------------

    def articles(self):
        """Live articles matching the query, best match first, then newest."""
        articles = Article.objects.live()
        if not self.query:
            return articles.none()
        # What was written about a matching series or person counts too, so
        # "Metallic Rogue" finds the coverage of Metallic Rouge.
        if is_postgres():
            # Their right names join the query as phrases: the stored vector
            # holds the series and people of each article, so one GIN lookup
            # finds that coverage (an OR of subqueries made PostgreSQL scan
            # every article).
            query = self._search_query
            for name in self._about_names:
                query |= SearchQuery(name, search_type="phrase", config=CONFIG)
            matches = Q(search_vector=query)
            rank = Coalesce(SearchRank(F("search_vector"), query), Value(0.0))
            if len(self.query) >= MIN_FUZZY_LENGTH:
                # A near miss on a headline counts, at half the weight of a hit.
                matches |= Q(title__trigram_word_similar=self.query)
                rank += TrigramWordSimilarity(self.query, "title") / 2
        else:
            about_series = Article.series.through.objects.filter(
                series__in=self._series_matches().values("pk")
            ).values("article_id")
            about_people = Article.people.through.objects.filter(
                person__in=self._people_matches().values("pk")
            ).values("article_id")
            matches = (
                self._all_words_in("title", "dek", "search_text")
                | Q(pk__in=about_series)
                | Q(pk__in=about_people)
                | self._bylines_or_tags_named()
            )
            rank = Case(
                When(self._all_words_in("title"), then=Value(2)),
                When(self._all_words_in("dek"), then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        return (
            articles.filter(matches)
            .annotate(rank=rank)
            .order_by("-rank", "-publish_at", "-pk")
        )

    def _bylines_or_tags_named(self) -> Q:
        """Articles with a byline or tag containing the whole query (SQLite;
        PostgreSQL has both in the search vector)."""
        if len(self.query) < MIN_NAME_LENGTH:
            return Q(pk__in=[])
        bylines = Article.authors.through.objects.filter(
            author__name__icontains=self.query
        ).values("article_id")
        tagged = TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Article),
            tag__name__icontains=self.query,
        ).values("object_id")
        return Q(pk__in=bylines) | Q(pk__in=tagged)

    def add_snippets(self, articles: list[Article]) -> None:
        """Give each article a ``snippet``: escaped body text around the first
        match, matches in <mark>. One query for the whole page."""
        ids = [article.pk for article in articles]
        if not ids or not self.query:
            return
        page = Article.objects.filter(pk__in=ids)
        if is_postgres():
            headline = SearchHeadline(
                "search_text",
                self._search_query,
                config=CONFIG,
                start_sel=MARK_START,
                stop_sel=MARK_END,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
            texts = dict(
                page.order_by().annotate(snippet=headline).values_list("pk", "snippet")
            )
        else:
            texts = {
                pk: self._mark_first_match(text)
                for pk, text in page.order_by().values_list("pk", "search_text")
            }
        for article in articles:
            article.snippet = render_snippet(texts.get(article.pk) or "")

    @cached_property
    def _search_query(self):
        return SearchQuery(self.query, search_type="websearch", config=CONFIG)

    @cached_property
    def _words(self) -> list[str]:
        return self.query.split()[:MAX_WORDS]

    def _all_words_in(self, *fields) -> Q:
        """Every word of the query appears in one of ``fields`` (SQLite)."""
        condition = Q()
        for word in self._words:
            either = Q()
            for field in fields:
                either |= Q(**{f"{field}__icontains": word})
            condition &= either
        return condition

    def _mark_first_match(self, text: str) -> str:
        """A window of the text around the first query word, matches marked."""
        text = strip_marks(text)
        words = sorted(self._words, key=len, reverse=True)
        pattern = re.compile("|".join(re.escape(word) for word in words), re.I)
        found = pattern.search(text)
        start = max(0, found.start() - SNIPPET_CHARS // 3) if found else 0
        if start:
            start = text.rfind(" ", 0, start) + 1
        end = start + SNIPPET_CHARS
        if end < len(text):
            end = max(text.rfind(" ", start, end), start + SNIPPET_CHARS // 2)
        window = text[start:end].strip()
        window = pattern.sub(lambda m: f"{MARK_START}{m[0]}{MARK_END}", window)
        return f"{'… ' if start else ''}{window}{' …' if end < len(text) else ''}"

    # Series and people -------------------------------------------------------

    def series(self, limit: int = NAMES_SHOWN) -> list[Series]:
        """Series whose title, romaji or Japanese title, aliases or known
        misspellings match the query, closest first."""
        return self._series_found[:limit]

    def people(self, limit: int = NAMES_SHOWN) -> list[Person]:
        """People whose name, native name or other spellings match the query."""
        return self._people_found[:limit]

    @cached_property
    def _series_found(self) -> list[Series]:
        if not self.query:
            return []
        return list(
            self._series_matches()
            .only("slug", "title", "title_japanese", "season", "season_year")
            .order_by("-score", "title")[:NAMES_USED]
        )

    @cached_property
    def _people_found(self) -> list[Person]:
        if not self.query:
            return []
        return list(
            self._people_matches()
            .only("slug", "name", "native_name")
            .order_by("-score", "name")[:NAMES_USED]
        )

    @cached_property
    def _about_names(self) -> list[str]:
        """The right names of the series and people the query matched."""
        return [series.title for series in self._series_found] + [
            person.name for person in self._people_found
        ]

    def _series_matches(self):
        """Matching series, each with a ``score`` of how close it is.

        PostgreSQL compares the query with word runs of the title ("Rouge"
        finds "Metallic Rouge") and with each whole line of its names (romaji,
        Japanese, aliases, misspellings), and looks for it inside the Japanese
        title, which has no spaces between words. Misspellings are only ever
        compared whole: "red" must not find Metallic Rouge because "Metallic
        red" is a known typo.
        """
        if not self.query:
            return Series.objects.none()
        if is_postgres():
            names = Lines(
                "title", "title_romaji", "title_japanese", "aliases", "misspellings"
            )
            return Series.objects.annotate(score=self._pg_score("title", names)).filter(
                self._pg_close("title") | self._any_contains("title_japanese")
            )
        substring = self._any_contains(
            "title", "title_romaji", "title_japanese", "aliases"
        )
        return Series.objects.annotate(
            score=self._sqlite_score(self._close_series)
        ).filter(substring | Q(pk__in=self._close_series))

    def _people_matches(self):
        """Matching people, each with a ``score``; as for series."""
        if not self.query:
            return Person.objects.none()
        if is_postgres():
            names = Lines("name", "native_name", "aliases")
            return Person.objects.annotate(score=self._pg_score("name", names)).filter(
                self._pg_close("name") | self._any_contains("native_name")
            )
        substring = self._any_contains("name", "native_name", "aliases")
        return Person.objects.annotate(
            score=self._sqlite_score(self._close_people)
        ).filter(substring | Q(pk__in=self._close_people))

    @cached_property
    def _close_series(self) -> list[int]:
        return self._close_matches(
            Series.objects.order_by().values_list(
                "pk",
                "title",
                "title_romaji",
                "title_japanese",
                "aliases",
                "misspellings",
            )
        )

    @cached_property
    def _close_people(self) -> list[int]:
        return self._close_matches(
            Person.objects.order_by().values_list(
                "pk", "name", "native_name", "aliases"
            )
        )

    def _any_contains(self, *fields) -> Q:
        if len(self.query) < MIN_FUZZY_LENGTH:
            return Q(pk__in=[])
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__icontains": self.query})
        return condition

    def _pg_score(self, name_field: str, all_names) -> Greatest:
        """How close the query is to a name: a word run of the main name (so
        "Rouge" finds "Metallic Rouge"), or a whole line of any of its names."""
        return Greatest(
            TrigramWordSimilarity(self.query, name_field),
            BestLineSimilarity(all_names, self.query),
        )

    def _pg_close(self, name_field: str) -> Q:
        """Close enough: word similarity to the main name at least pg_trgm's
        threshold (0.6 by default; the trigram index serves this ``%>`` test),
        or a whole name line at least LINE_SIMILARITY alike."""
        if len(self.query) < MIN_FUZZY_LENGTH:
            return Q(pk__in=[])
        return Q(**{f"{name_field}__trigram_word_similar": self.query}) | Q(
            score__gte=LINE_SIMILARITY
        )

    def _close_matches(self, rows) -> list[int]:
        """Primary keys of rows with a name line close to the query (difflib);
        ``rows`` are ``(pk, text, text...)`` with one name per line."""
        if len(self.query) < MIN_FUZZY_LENGTH:
            return []
        owners: dict[str, set[int]] = {}
        for pk, *texts in rows:
            for text in texts:
                for line in (text or "").splitlines():
                    if line.strip():
                        owners.setdefault(line.strip().casefold(), set()).add(pk)
        close = difflib.get_close_matches(
            self.query.casefold(), owners, n=NAMES_SHOWN * 2, cutoff=CLOSE_MATCH
        )
        return sorted({pk for name in close for pk in owners[name]})

    @staticmethod
    def _sqlite_score(close_ids: list[int]) -> Case:
        return Case(
            When(pk__in=close_ids, then=Value(1.0)),
            default=Value(0.5),
            output_field=FloatField(),
        )


class Lines(Func):
    """Several text columns as one text, a line each (PostgreSQL)."""

    function = "concat_ws"
    output_field = TextField()

    def __init__(self, *fields):
        super().__init__(Value("\n"), *fields)


class BestLineSimilarity(Func):
    """Trigram similarity of a query to the closest line of a one-per-line text."""

    output_field = FloatField()

    def __init__(self, text, query: str):
        super().__init__(text, Value(query))

    def as_sql(self, compiler, connection, **extra_context):
        text, query = self.get_source_expressions()
        text_sql, text_params = compiler.compile(text)
        query_sql, query_params = compiler.compile(query)
        sql = (
            f"(SELECT coalesce(max(similarity(line, {query_sql})), 0) "
            f"FROM regexp_split_to_table({text_sql}, '\\n') AS line)"
        )
        return sql, (*query_params, *text_params)


def strip_marks(text: str) -> str:
    return text.replace(MARK_START, "").replace(MARK_END, "")


def render_snippet(marked: str) -> SafeString:
    """Escape a snippet, then turn its match markers into <mark> elements.

    Only the <mark> tags are markup: whatever the article or the query holds
    is escaped first.
    """
    parts, position = [], 0
    for match in MARKED.finditer(marked):
        parts.append(escape(strip_marks(marked[position : match.start()])))
        parts.append(format_html("<mark>{}</mark>", strip_marks(match[1])))
        position = match.end()
    parts.append(escape(strip_marks(marked[position:])))
    return mark_safe("".join(parts))  # every part is escaped above


# Keeping the stored vector current ---------------------------------------------


def article_search_vector():
    """The weighted vector of an article, computed in SQL from the row and the
    names of its series, tags, bylines and people."""
    names = [
        _names(Article.series.through, "series__title"),
        _names(Article.people.through, "person__name"),
        _names(Article.authors.through, "author__name"),
        Subquery(
            TaggedItem.objects.filter(
                content_type__app_label="newsroom",
                content_type__model="article",
                object_id=OuterRef("pk"),
            )
            .values("object_id")
            .annotate(names=StringAgg("tag__name", " "))
            .values("names"),
            output_field=TextField(),
        ),
    ]
    return (
        SearchVector("title", weight="A", config=CONFIG)
        + SearchVector("dek", weight="B", config=CONFIG)
        + SearchVector(*names, weight="C", config=CONFIG)
        + SearchVector("search_text", weight="D", config=CONFIG)
    )


def _names(through, name_path: str) -> Subquery:
    return Subquery(
        through.objects.filter(article_id=OuterRef("pk"))
        .values("article_id")
        .annotate(names=StringAgg(name_path, " "))
        .values("names"),
        output_field=TextField(),
    )


def update_search_vector(article_ids) -> None:
    """Recompute the stored search vector of these articles in one UPDATE.

    ``article_ids`` may be a list or a queryset of ids. A no-op on SQLite,
    which searches without a vector.
    """
    if not is_postgres():
        return
    if isinstance(article_ids, list | tuple | set | frozenset) and not article_ids:
        return
    Article.objects.filter(pk__in=article_ids).update(
        search_vector=article_search_vector()
    )


def article_saved(sender, instance, update_fields=None, **kwargs):
    """post_save of an article: its own searched text may have changed."""
    if update_fields is None or not instance.SEARCHED_FIELDS.isdisjoint(update_fields):
        update_search_vector([instance.pk])


def relations_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """m2m_changed: an article's series, people, bylines or tags changed."""
    if not is_postgres() or action in {"pre_add", "pre_remove"}:
        return
    if not reverse:
        if isinstance(instance, Article) and action != "pre_clear":
            update_search_vector([instance.pk])
        return
    # From the other side (series.articles.add(...)): pk_set holds articles,
    # except for a clear, whose articles are only known before it happens.
    if action == "pre_clear":
        instance._articles_before_clear = list(
            instance.articles.values_list("pk", flat=True)
        )
    elif action == "post_clear":
        update_search_vector(instance.__dict__.pop("_articles_before_clear", []))
    else:
        update_search_vector(list(pk_set or ()))


def name_changed(sender, instance, created, **kwargs):
    """post_save of a series, person, author or tag: its articles show its name."""
    if created or not is_postgres():
        return
    if isinstance(instance, Tag):
        articles = TaggedItem.objects.filter(
            tag=instance,
            content_type__app_label="newsroom",
            content_type__model="article",
        ).values("object_id")
    else:
        articles = instance.articles.values("pk")
    update_search_vector(articles)
