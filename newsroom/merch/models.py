"""Affiliate merch: retailers, items, and click counts without personal data."""

from urllib.parse import urlparse

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, URLValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from taggit.managers import TaggableManager

http_url = URLValidator(schemes=["http", "https"])


def host_allowed(url: str, domains: list[str]) -> bool:
    """Whether ``url`` is on one of ``domains`` (or a subdomain of one)."""
    parsed = urlparse(url or "")
    host = (parsed.hostname or "").lower().rstrip(".")
    if parsed.scheme not in {"http", "https"} or not host:
        return False
    return any(host == d or host.endswith("." + d) for d in domains)


class Retailer(models.Model):
    """A shop the outlet links to, and the only domains its links may go to."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    allowed_domains = models.TextField(
        help_text="One per line, e.g. “shop.example.com”. Subdomains are allowed "
        "too; links to any other domain are refused."
    )
    disclosure = models.CharField(
        max_length=300,
        blank=True,
        help_text="Extra disclosure for this retailer, shown with its items.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def domains(self) -> list[str]:
        return [
            line.strip().lower().rstrip(".").removeprefix("www.")
            for line in self.allowed_domains.splitlines()
            if line.strip()
        ]

    def clean(self):
        for domain in self.domains:
            if "/" in domain or " " in domain or "." not in domain:
                raise ValidationError(
                    {"allowed_domains": f"“{domain}” is not a domain name."}
                )


class MerchItemQuerySet(models.QuerySet):
    def active(self, *, now=None):
        """Items readers may see now: in their dates, in stock, link not dead."""
        now = now or timezone.now()
        return self.filter(
            Q(active_from__isnull=True) | Q(active_from__lte=now),
            Q(active_until__isnull=True) | Q(active_until__gt=now),
            in_stock=True,
        ).exclude(link_status=MerchItem.LinkStatus.DEAD)

    def for_blocks(self):
        return self.select_related("retailer", "image").prefetch_related(
            "image__renditions"
        )


class MerchItem(models.Model):
    """A product readers can buy through an affiliate link."""

    class Currency(models.TextChoices):
        EUR = "EUR", "Euro"
        USD = "USD", "US dollar"
        GBP = "GBP", "Pound sterling"
        JPY = "JPY", "Japanese yen"
        CAD = "CAD", "Canadian dollar"
        AUD = "AUD", "Australian dollar"

    class LinkStatus(models.TextChoices):
        UNCHECKED = "unchecked", "Not checked yet"
        OK = "ok", "Working"
        REDIRECTED = "redirected", "Redirects elsewhere"
        DEAD = "dead", "Dead"

    name = models.CharField(max_length=200)
    image = models.ForeignKey(
        "media.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    retailer = models.ForeignKey(
        Retailer, on_delete=models.PROTECT, related_name="items"
    )
    price = models.DecimalField(
        max_digits=10, decimal_places=2, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(max_length=3, choices=Currency.choices, default="EUR")
    url = models.URLField(
        "affiliate address",
        max_length=1000,
        validators=[http_url],
        help_text="Must be on one of the retailer's allowed domains.",
    )
    series = models.ForeignKey(
        "series.Series",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merch_items",
    )
    tags = TaggableManager(blank=True)
    active_from = models.DateTimeField(null=True, blank=True)
    active_until = models.DateTimeField(
        null=True, blank=True, help_text="After this the item is never shown."
    )
    in_stock = models.BooleanField(default=True)
    link_status = models.CharField(
        max_length=12, choices=LinkStatus.choices, default=LinkStatus.UNCHECKED
    )
    link_checked_at = models.DateTimeField(null=True, blank=True, editable=False)
    link_note = models.CharField(max_length=300, blank=True, editable=False)

    objects = MerchItemQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "merch item"
        constraints = [
            models.CheckConstraint(
                condition=Q(active_until__isnull=True)
                | Q(active_from__isnull=True)
                | Q(active_until__gt=models.F("active_from")),
                name="merch_active_window_forwards",
                violation_error_message="The end of the active period must come "
                "after its start.",
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if (
            self.retailer_id
            and self.url
            and not host_allowed(self.url, self.retailer.domains)
        ):
            raise ValidationError(
                {
                    "url": f"{self.retailer} links may only go to: "
                    f"{', '.join(self.retailer.domains) or 'no domain yet'}."
                }
            )

    @property
    def is_active(self) -> bool:
        now = timezone.now()
        return (
            self.in_stock
            and self.link_status != self.LinkStatus.DEAD
            and (self.active_from is None or self.active_from <= now)
            and (self.active_until is None or self.active_until > now)
        )

    @property
    def link_is_allowed(self) -> bool:
        return host_allowed(self.url, self.retailer.domains)


class MerchClick(models.Model):
    """How many times an item's link was followed, per article and day.

    Only counts: no IP address, cookie, user agent or referrer is stored.
    """

    item = models.ForeignKey(MerchItem, on_delete=models.CASCADE, related_name="clicks")
    article = models.ForeignKey(
        "newsroom.Article",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merch_clicks",
    )
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["item", "article", "day"],
                condition=Q(article__isnull=False),
                name="merch_click_per_item_article_day",
            ),
            models.UniqueConstraint(
                fields=["item", "day"],
                condition=Q(article__isnull=True),
                name="merch_click_per_item_day_outside_articles",
            ),
        ]

    def __str__(self):
        return f"{self.item} on {self.day}: {self.count}"
