"""The articles app's models, split by topic and re-exported here."""

from .articles import Article, ArticleQuerySet, Section, live_q
from .authors import Author
from .autosave import Autosave
from .workflow import Correction, EditSession, PreviewLink, Revision, Transition

__all__ = [
    "Article",
    "ArticleQuerySet",
    "Author",
    "Autosave",
    "Correction",
    "EditSession",
    "PreviewLink",
    "Revision",
    "Section",
    "Transition",
    "live_q",
]
