"""Plants the XSS corpus into every field that reaches a reader, a feed or the
admin, on top of the demo newsroom, and says which addresses show them.

Short fields get payloads packed together up to their length, one object per
pack, so every payload goes through every field without one page load per
payload: the navigation lists every section, the footer every standing page,
an article page all its bylines and tags, a feed fifty articles, an admin list
a hundred rows.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from newsroom.articles import services
from newsroom.articles.models import (
    Article,
    Author,
    Correction,
    Revision,
    Section,
    Transition,
)
from newsroom.kernel.media.models import Image
from newsroom.kernel.sitewide.models import Banner, Page
from newsroom.merch.models import MerchItem, Retailer
from reviews.models import Review
from series.models import (
    CastCredit,
    Credit,
    Episode,
    Person,
    Role,
    Season,
    Series,
    SeriesStudio,
    Studio,
)
from tests.security.xss_payloads import PAYLOADS, packed, shared

DISCLOSURE_LENGTH = Retailer._meta.get_field("disclosure").max_length


def cycle(values: list, count: int) -> list:
    """``values`` repeated or cut to exactly ``count`` items ('' when empty)."""
    return [values[i % len(values)] if values else "" for i in range(count)]


@dataclass
class Planted:
    """What was planted and where it shows."""

    reader_paths: list[str] = field(default_factory=list)
    search_queries: list[str] = field(default_factory=list)
    feed_paths: list[str] = field(default_factory=list)
    admin_paths: list[str] = field(default_factory=list)
    banner_ids: list[int] = field(default_factory=list)
    admin_user: object = None


def _clone_image(image: Image, **fields) -> Image:
    """A copy of a library image sharing its files and renditions' files."""
    renditions = list(image.renditions.all())
    copy = Image.objects.get(pk=image.pk)
    copy.pk = None
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save()
    for rendition in renditions:
        rendition.pk = None
        rendition.image = copy
        rendition.save()
    return copy


def plant_corpus() -> Planted:
    """On top of the demo (the ``demo`` fixture), fill every reader-, feed- and
    admin-facing text field with the corpus. Returns the pages to visit."""
    with transaction.atomic():
        return _plant()


def _plant() -> Planted:
    planted = Planted()
    now = timezone.now()
    User = get_user_model()
    admin_user = User.objects.create(
        username="xss-admin", is_staff=True, is_superuser=True
    )
    planted.admin_user = admin_user

    titles, deks, alts = packed(200), packed(300), packed(300)
    count = max(len(titles), len(deks))
    titles, deks, alts = cycle(titles, count), cycle(deks, count), cycle(alts, count)
    bodies = shared(3)

    # Sections, tags, authors: every one named by a pack, all on article pages.
    section_names = packed(80)
    descriptions = shared(3)
    sections = [
        Section.objects.create(
            name=name,
            slug=f"xss-section-{n}",
            description=descriptions[n] if n < 3 else "",
            position=100 + n,
        )
        for n, name in enumerate(section_names)
    ]
    tag_names = packed(100)
    tags = [
        Tag.objects.create(name=name, slug=f"xss-tag-{n}")
        for n, name in enumerate(tag_names)
    ]
    bios = shared(2, joiner="\n")
    job_titles = cycle(packed(120), len(packed(120)))
    authors = [
        Author.objects.create(
            name=name,
            slug=f"xss-author-{n}",
            job_title=job_titles[n],
            bio=bios[n] if n < 2 else "",
        )
        for n, name in enumerate(packed(120))
    ]

    # Library images: alt text, caption and credit, as lead images.
    demo_image = Image.objects.filter(renditions__isnull=False).first()
    captions, credits = packed(400), packed(200)
    image_count = max(len(captions), len(credits), len(packed(300)))
    images = [
        _clone_image(
            demo_image,
            title=f"xss image {n}",
            alt_text=cycle(packed(300), image_count)[n],
            caption=cycle(captions, image_count)[n],
            credit=cycle(credits, image_count)[n],
        )
        for n in range(image_count)
    ]

    # Series with everything a series page shows.
    series_titles = packed(200)
    synopses = shared(3)
    season = Season.of(timezone.localdate()).value
    all_series = [
        Series.objects.create(
            title=title,
            title_japanese=title,
            title_romaji=title,
            slug=f"xss-series-{n}",
            synopsis=synopses[n] if n < 3 else "",
            key_art=images[n % len(images)],
            key_art_alt=cycle(packed(250), len(series_titles))[n],
            season=season,
            season_year=timezone.localdate().year,
        )
        for n, title in enumerate(series_titles)
    ]
    people_bios = shared(2)
    people = [
        Person.objects.create(
            name=name,
            native_name=name,
            slug=f"xss-person-{n}",
            bio=people_bios[n] if n < 2 else "",
        )
        for n, name in enumerate(packed(120))
    ]
    role = Role.objects.first()
    notes = cycle(packed(200), len(people))
    for n, person in enumerate(people):
        Credit.objects.create(
            series=all_series[0], person=person, role=role, note=notes[n]
        )
    characters = packed(120)
    for n, character in enumerate(characters):
        CastCredit.objects.create(
            series=all_series[1],
            person=people[n % len(people)],
            character=character,
            character_note=character[:80],
            position=n,
        )
    studio_descriptions = shared(2)
    for n, name in enumerate(packed(120)):
        studio = Studio.objects.create(
            name=name,
            native_name=name,
            slug=f"xss-studio-{n}",
            description=studio_descriptions[n] if n < 2 else "",
        )
        SeriesStudio.objects.create(series=all_series[2], studio=studio)
        if n < 2:
            planted.reader_paths.append(studio.get_absolute_url())
    for n, title in enumerate(packed(200)):
        Episode.objects.create(
            series=all_series[0], number=n + 1, title=title, title_japanese=title
        )

    # Articles: half reviews, each with bylines, tags, series, lead image.
    verdicts, screeners = packed(300), packed(300)
    review_count = max(len(verdicts), len(screeners))
    pros = shared(review_count, joiner="\n")
    summary_points = shared(count, joiner="\n")
    correction_notes = shared(count, joiner=" ")
    articles = []
    for n in range(count):
        article = Article.objects.create(
            title=titles[n],
            slug=f"xss-article-{n}",
            dek=deks[n],
            body=bodies[n] if n < len(bodies) else "",
            summary_points=summary_points[n],
            section=sections[n % len(sections)],
            lead_image=images[n % len(images)],
            lead_image_alt=alts[n],
            kind=Article.Kind.REVIEW if n < review_count else Article.Kind.NEWS,
            status=Article.Status.PUBLISHED,
            publish_at=now - timedelta(minutes=n + 1),
        )
        article.authors.set(
            [authors[(2 * n) % len(authors)], authors[(2 * n + 1) % len(authors)]]
        )
        article.tags.set([tags[(2 * n) % len(tags)], tags[(2 * n + 1) % len(tags)]])
        article.series.set([all_series[n % len(all_series)]])
        article.people.set([people[n % len(people)]])
        if n < review_count:
            Review.objects.create(
                article=article,
                score=Decimal("7.5"),
                verdict=cycle(verdicts, review_count)[n],
                pros=pros[n],
                cons=pros[(n + 1) % review_count],
                series=all_series[n % len(all_series)],
                reviewed_from=cycle(screeners, review_count)[n],
            )
        Correction.objects.create(
            article=article,
            kind=Correction.Kind.CORRECTION,
            note=correction_notes[n],
            created_at=now,
        )
        services.article_sync_revised_at(article=article)
        articles.append(article)
        planted.reader_paths.append(article.get_absolute_url())

    # Merch: retailers and items; the items share series 0's articles.
    retailer_names = packed(120)
    disclosures = cycle(packed(200), len(retailer_names))
    demo_retailer = Retailer.objects.first()
    retailers = [
        Retailer.objects.create(
            name=name,
            slug=f"xss-retailer-{n}",
            allowed_domains=demo_retailer.allowed_domains,
            disclosure=disclosures[n][
                : Retailer._meta.get_field("disclosure").max_length
            ],
        )
        for n, name in enumerate(retailer_names)
    ]
    demo_item = MerchItem.objects.first()
    for n, name in enumerate(packed(200)):
        MerchItem.objects.create(
            name=name,
            retailer=retailers[n % len(retailers)],
            price=Decimal("9.99"),
            url=demo_item.url,
            series=all_series[0],
            image=images[n % len(images)],
        )

    # Banners: one shows at a time; the tests dismiss all but one per page.
    Banner.objects.update(is_active=False)
    link_texts = cycle(packed(80), len(packed(300)))
    for n, message in enumerate(packed(300)):
        banner = Banner.objects.create(
            message=message,
            link_url="https://example.com/",
            link_text=link_texts[n],
            starts_at=now - timedelta(hours=1, minutes=n),
        )
        planted.banner_ids.append(banner.pk)

    # Standing pages: their titles are in every page's footer.
    page_bodies, page_summaries = shared(4), packed(300)
    for n, title in enumerate(packed(200)):
        page = Page.objects.create(
            title=title,
            slug=f"xss-page-{n}",
            summary=cycle(page_summaries, len(packed(200)))[n],
            body=page_bodies[n] if n < 4 else "body",
            position=100 + n,
        )
        if n < 4:
            planted.reader_paths.append(page.get_absolute_url())

    # The admin's history, workflow log and revisions of the first article.
    first = articles[0]
    article_type = ContentType.objects.get_for_model(Article)
    for n, text in enumerate(packed(200)):
        LogEntry.objects.create(
            user=admin_user,
            content_type=article_type,
            object_id=str(first.pk),
            object_repr=text,
            action_flag=CHANGE,
            change_message=text,
        )
        Transition.objects.create(
            article=articles[n % len(articles)],
            user=admin_user,
            action="submit",
            from_status=Article.Status.DRAFT,
            to_status=Article.Status.IN_REVIEW,
            comment=text,
        )
    older = services.revision_snapshot(first)
    older.update(
        title=" ".join(PAYLOADS),
        dek=" ".join(PAYLOADS),
        body="\n".join(PAYLOADS),
        section=[first.section_id, " ".join(PAYLOADS)],
        authors=[[a.pk, a.name] for a in authors],
        series=[[s.pk, s.title] for s in all_series],
        people=[[p.pk, p.name] for p in people],
        tags=tag_names,
    )
    newer = services.revision_snapshot(first)
    for number, (data, note) in enumerate(
        [(older, ""), (newer, "")] + [(newer, note) for note in packed(200)], start=1
    ):
        Revision.objects.create(
            article=first, number=number, data=data, user=admin_user, note=note
        )

    # Where it all shows.
    planted.reader_paths += [
        "/",
        *(s.get_absolute_url() for s in sections[:3]),
        *(a.get_absolute_url() for a in authors[:2]),
        reverse("newsroom:tag-detail", kwargs={"slug": tags[0].slug}),
        reverse("series:series-list"),
        reverse("series:series-list") + "?page=2",
        reverse("series:series-list") + "?page=3",
        *(s.get_absolute_url() for s in all_series[:3]),
        *(p.get_absolute_url() for p in people[:2]),
        reverse("series:season-current"),
        reverse("reviews:review-list"),
        reverse("reviews:review-list") + "?page=2",
        reverse("newsroom:feed-index"),
    ]
    planted.search_queries = packed(200)
    feed_scopes = [
        ("newsroom:feed", {}),
        ("newsroom:section-feed", {"slug": sections[0].slug}),
        ("newsroom:kind-feed", {"kind": "review"}),
        ("newsroom:kind-feed", {"kind": "news"}),
        ("newsroom:series-feed", {"slug": all_series[0].slug}),
        ("newsroom:tag-feed", {"slug": tags[0].slug}),
        ("newsroom:author-feed", {"slug": authors[0].slug}),
    ]
    for name, kwargs in feed_scopes:
        planted.feed_paths.append(reverse(f"{name}-rss", kwargs=kwargs))
        planted.feed_paths.append(reverse(f"{name}-atom", kwargs=kwargs))
    planted.feed_paths += [
        reverse("reviews:review-feed"),
        reverse("reviews:review-feed-atom"),
    ]
    lists = [
        "newsroom_article",
        "newsroom_section",
        "newsroom_author",
        "media_image",
        "newsroom_transition",
        "merch_merchitem",
        "merch_retailer",
        "sitewide_banner",
        "sitewide_page",
        "series_series",
        "series_person",
        "series_studio",
        "taggit_tag",
    ]
    planted.admin_paths = [
        reverse("admin:index"),
        *(reverse(f"admin:{name}_changelist") for name in lists),
        reverse("admin:newsroom_article_history", args=[first.pk]),
        reverse("admin:newsroom_article_revisions", args=[first.pk]) + "?a=1&b=2",
        reverse("admin:newsroom_article_change", args=[first.pk]),
    ]
    return planted
