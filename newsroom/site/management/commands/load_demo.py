"""Load the demo newsroom. Running it again changes nothing."""

import re
from datetime import timedelta
from functools import partial

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from newsroom.articles.models import Article, Author, Section
from newsroom.articles.services import ArticleRelations, article_create
from newsroom.kernel.media.models import Image
from newsroom.kernel.media.processing import image_process
from newsroom.kernel.media.services import image_store
from newsroom.kernel.sitewide.models import Banner, Page
from newsroom.merch.models import MerchItem, Retailer
from newsroom.notifications.models import Notification
from newsroom.site.demo import content as demo
from newsroom.site.demo.art import draw_art
from newsroom.site.roles import EDITORS, WRITERS, ensure_roles
from reviews.models import Review
from series.models import (
    BroadcastSlot,
    CastCredit,
    Credit,
    Person,
    RelatedSeries,
    Role,
    Series,
    SeriesStudio,
    Studio,
    WatchOption,
)
from series.services import EpisodeRule, episodes_generate

DEMO_USERS = [
    # username, password, group, is_superuser
    ("editor", "shimbun-editor", EDITORS, False),
    ("writer", "shimbun-writer", WRITERS, False),
    ("admin", "shimbun-admin", None, True),
]


class Command(BaseCommand):
    help = "Load the demo newsroom (Metallic Rouge coverage) and demo users."

    def add_arguments(self, parser):
        parser.add_argument(
            "--quiet-logins",
            action="store_true",
            help="Do not print the demo logins.",
        )

    @transaction.atomic
    def handle(self, *args, **options):
        groups = ensure_roles()
        users = self._users(groups)
        sections = {
            slug: Section.objects.get_or_create(
                slug=slug,
                defaults={"name": name, "description": text, "position": position},
            )[0]
            for name, slug, text, position in demo.SECTIONS
        }
        authors = {}
        for data in demo.AUTHORS:
            data = dict(data)
            username = data.pop("user")
            author, _ = Author.objects.get_or_create(
                slug=data["slug"], defaults={**data, "user": users.get(username)}
            )
            authors[author.slug] = author
        self.images = self._images()
        series, people = self._series(editor=users["editor"])
        self._shop(series)
        created = 0
        for data in [*demo.ARTICLES, demo.EPISODE_REVIEW, demo.FEATURE]:
            created += self._article(data, sections, authors, series, people, True)
        for data in demo.DRAFTS:
            created += self._article(data, sections, authors, series, people, False)
        self._notifications(users)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo newsroom ready: {created} new article(s), "
                f"{Article.objects.count()} in total."
            )
        )
        if not options["quiet_logins"]:
            self.stdout.write("Demo logins (local use only):")
            for username, password, group, _ in DEMO_USERS:
                self.stdout.write(
                    f"  {username} / {password}  ({group or 'superuser'})"
                )

    def _store_now(self, image):
        """Store a demo image and make its renditions right away, so the demo
        has pictures before any worker starts (its queued task finds nothing
        left to do)."""
        image_store(image=image, file_changed=True)
        image_process(image_id=image.pk, upload_name=image.upload_name)
        image.refresh_from_db()

    def _images(self):
        images = {}
        for data in demo.IMAGES:
            data = dict(data)
            key, seed = data.pop("key"), data.pop("seed")
            image = Image.objects.filter(title=data["title"]).first()
            if image is None:
                image = Image(**data)
                image.file = ContentFile(draw_art(seed).read(), name=f"{key}.jpg")
                self._store_now(image)
            images[key] = image
        return images

    def _shop(self, series):
        for position, (title, slug, summary, body) in enumerate(demo.PAGES):
            Page.objects.get_or_create(
                slug=slug,
                defaults={
                    "title": title,
                    "summary": summary,
                    "body": body,
                    "position": position,
                },
            )
        if not Banner.objects.filter(message=demo.BANNER["message"]).exists():
            Banner.objects.create(
                **demo.BANNER, starts_at=timezone.now() - timedelta(days=1)
            )
        retailers = {}
        for name, slug, domain in demo.RETAILERS:
            retailers[slug] = Retailer.objects.get_or_create(
                slug=slug, defaults={"name": name, "allowed_domains": domain}
            )[0]
        for data in demo.MERCH:
            data = dict(data)
            if MerchItem.objects.filter(name=data["name"]).exists():
                continue
            tags, seed = data.pop("tags"), data.pop("seed")
            image = Image(
                title=f"{data['name']} (demo artwork)",
                alt_text=f"Product shot: {data['name']}",
                credit="Shimbun demo artwork",
            )
            image.file = ContentFile(
                draw_art(seed, size=(800, 800)).read(), name=f"merch-{seed}.jpg"
            )
            self._store_now(image)
            item = MerchItem.objects.create(
                **{**data, "retailer": retailers[data["retailer"]]},
                image=image,
                series=series["metallic-rouge"],
                link_status=MerchItem.LinkStatus.OK,
            )
            item.tags.set(tags)

    def _with_images(self, body):
        """Demo bodies name images by key; the library knows them by number."""
        return re.sub(
            r"(image:|poster=)([a-z][a-z-]*)",
            lambda m: f"{m[1]}{self.images[m[2]].pk}" if m[2] in self.images else m[0],
            body,
        )

    def _notifications(self, users):
        for data in demo.NOTIFICATIONS:
            Notification.objects.get_or_create(
                recipient=users[data["recipient"]],
                article=Article.objects.get(slug=data["article"]),
                event=data["event"],
                defaults={
                    "actor": users[data["actor"]],
                    "comment": data["comment"],
                    "created_at": data["created_at"],
                },
            )

    def _users(self, groups):
        User = get_user_model()
        users = {}
        for username, password, group, is_superuser in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "is_staff": True,
                    "is_superuser": is_superuser,
                    "email": f"{username}@shimbun.invalid",
                },
            )
            if created:
                user.set_password(password)
                user.save(update_fields=["password"])
                if group:
                    user.groups.add(groups[group])
            users[username] = user
        return users

    def _series(self, *, editor):
        studios = {}
        for name, slug, native, aliases in demo.STUDIOS:
            studios[slug] = Studio.objects.get_or_create(
                slug=slug,
                defaults={"name": name, "native_name": native, "aliases": aliases},
            )[0]
        roles = {
            slug: Role.objects.get_or_create(
                slug=slug,
                defaults={"name": name, "department": dept, "position": position},
            )[0]
            for name, slug, dept, position in demo.ROLES
        }
        people = {
            slug: Person.objects.get_or_create(
                slug=slug, defaults={"name": name, "native_name": native}
            )[0]
            for name, slug, native in demo.PEOPLE
        }
        data = dict(demo.METALLIC_ROUGE)
        studio_slugs = data.pop("studios")
        tags = data.pop("tags")
        credits = data.pop("credits")
        cast = data.pop("cast")
        first_episode_at = data.pop("first_episode_at")
        broadcast = data.pop("broadcast")
        watch = data.pop("watch")
        data["key_art"] = self.images.get("key-art")
        rouge, created = Series.objects.get_or_create(slug=data["slug"], defaults=data)
        if created:
            for slug in studio_slugs:
                SeriesStudio.objects.create(series=rouge, studio=studios[slug])
            rouge.tags.set(tags)
            Credit.objects.bulk_create(
                Credit(series=rouge, person=people[person], role=roles[role])
                for person, role in credits
            )
            CastCredit.objects.bulk_create(
                CastCredit(
                    series=rouge,
                    character=character,
                    character_note=note,
                    person=people[person],
                    position=position,
                )
                for position, (character, note, person) in enumerate(cast)
            )
            # Entered the way an editor would: a weekly run by rule, streaming
            # as it airs (the audit log shows who generated it).
            episodes_generate(
                series=rouge,
                user=editor,
                rule=EpisodeRule(
                    first_air_at=first_episode_at,
                    count=rouge.episode_count,
                    streaming_offset=timedelta(0),
                ),
            )
            BroadcastSlot.objects.create(series=rouge, **broadcast)
            WatchOption.objects.create(series=rouge, **watch)
        series = {rouge.slug: rouge}
        for work in demo.STAFF_WORKS:
            work = dict(work)
            studio = work.pop("studio")
            work_credits = work.pop("credits")
            entry, created = Series.objects.get_or_create(
                slug=work["slug"],
                defaults={**work, "status": Series.Status.FINISHED},
            )
            if created:
                if studio:
                    SeriesStudio.objects.create(series=entry, studio=studios[studio])
                for person, role, note in work_credits:
                    Credit.objects.create(
                        series=entry, person=people[person], role=roles[role], note=note
                    )
            series[entry.slug] = entry
        for title, slug, fmt, source, premiere in demo.BONES_CATALOGUE:
            entry, created = Series.objects.get_or_create(
                slug=slug,
                defaults={
                    "title": title,
                    "format": fmt,
                    "source": source,
                    "status": Series.Status.FINISHED,
                    "premiere_date": premiere,
                },
            )
            if created:
                SeriesStudio.objects.create(series=entry, studio=studios["bones"])
                RelatedSeries.objects.create(
                    from_series=rouge,
                    to_series=entry,
                    relation=RelatedSeries.Relation.STUDIO,
                )
            series[slug] = entry
        return series, people

    def _article(self, data, sections, authors, series, people, published):
        data = dict(data)
        if Article.objects.filter(slug=data["slug"]).exists():
            return 0
        author_slugs = data.pop("authors")
        series_slugs = data.pop("series")
        tags = data.pop("tags")
        people_slugs = data.pop("people", [])
        lead = data.pop("lead_image", None)
        review = data.pop("review", None)
        status = data.pop("status", None)
        data["lead_image"] = self.images[lead] if lead else None
        data["body"] = self._with_images(data["body"])
        article = Article(
            **{**data, "section": sections[data["section"]]},
            status=Article.Status.PUBLISHED
            if published
            else (status or Article.Status.DRAFT),
        )
        score_box = None
        if review:
            review = {**review, "series": series[review["series"]]}
            score_box = partial(Review.objects.create, article=article, **review)
        relations = ArticleRelations(
            authors=[authors[slug] for slug in author_slugs],
            series=[series[slug] for slug in series_slugs],
            people=[people[slug] for slug in people_slugs],
            tags=tags,
            save_related=score_box,
        )
        article_create(
            article=article,
            user=None,
            relations=relations,
            note="Demo content",
            # Demo pieces were written when they were published, not today.
            written_at=data["publish_at"] if published else None,
        )
        return 1
