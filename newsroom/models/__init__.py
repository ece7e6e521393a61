"""The editorial core's models, split by topic and re-exported here."""

from .articles import Article, ArticleQuerySet, Section, live_q
from .authors import Author

__all__ = ["Article", "ArticleQuerySet", "Author", "Section", "live_q"]
