"""The editorial core's models, split by topic and re-exported here."""

from .articles import Article, ArticleQuerySet, Section, live_q
from .authors import Author
from .media import Image, Rendition
from .merch import Banner, MerchClick, MerchItem, Retailer
from .pages import Page
from .redirects import OldSlug, RemembersOldSlugs
from .workflow import Correction, EditSession, PreviewLink, Revision, Transition

__all__ = [
    "Article",
    "ArticleQuerySet",
    "Author",
    "Banner",
    "Correction",
    "EditSession",
    "Image",
    "MerchClick",
    "MerchItem",
    "OldSlug",
    "Page",
    "PreviewLink",
    "RemembersOldSlugs",
    "Rendition",
    "Retailer",
    "Revision",
    "Section",
    "Transition",
    "live_q",
]
