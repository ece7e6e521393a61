"""Writes and workflow moves on articles, one module per concern; everything
is re-exported here so callers write ``services.article_transition(...)``.

- ``editing``: creating and editing an article (the admin's save, the demo);
- ``autosave``: typing kept for its author until the form is saved;
- ``workflow``: who may make which move, and the moves themselves;
- ``revisions``: keeping, comparing and restoring revisions;
- ``corrections``: dated corrections and updates;
- ``previews``: share links for drafts;
- ``presence``: who else has an article open;
- ``rendering``: re-rendering stored bodies in the background.
"""

from .autosave import (
    AUTOSAVE_KEEP,
    AUTOSAVE_LIMITS,
    AutosaveOffer,
    article_autosave,
    autosave_clear,
    autosave_discard,
    autosave_offer,
    can_autosave,
)
from .corrections import article_add_correction, article_sync_revised_at
from .editing import (
    ArticleRelations,
    article_create,
    article_delete,
    article_update,
)
from .presence import editing_leave, editing_others, editing_touch
from .previews import can_share, preview_link_create, preview_link_revoke
from .rendering import refresh_embedding_articles_later, refresh_for_change
from .revisions import (
    REVISION_FIELDS,
    article_record_revision,
    article_restore_revision,
    revision_diff,
    revision_snapshot,
)
from .workflow import (
    MOVES,
    PUBLISH_PERMISSION,
    SCHEDULED,
    Move,
    article_transition,
    available_moves,
    can_delete,
    can_edit,
    effective_state,
    is_editor,
    is_owner,
    publish_problems,
)

__all__ = [
    "AUTOSAVE_KEEP",
    "AUTOSAVE_LIMITS",
    "AutosaveOffer",
    "article_autosave",
    "autosave_clear",
    "autosave_discard",
    "autosave_offer",
    "can_autosave",
    "ArticleRelations",
    "MOVES",
    "PUBLISH_PERMISSION",
    "REVISION_FIELDS",
    "SCHEDULED",
    "Move",
    "article_add_correction",
    "article_create",
    "article_delete",
    "article_record_revision",
    "article_restore_revision",
    "article_sync_revised_at",
    "article_transition",
    "article_update",
    "available_moves",
    "can_delete",
    "can_edit",
    "can_share",
    "editing_leave",
    "editing_others",
    "editing_touch",
    "effective_state",
    "is_editor",
    "is_owner",
    "preview_link_create",
    "preview_link_revoke",
    "publish_problems",
    "refresh_embedding_articles_later",
    "refresh_for_change",
    "revision_diff",
    "revision_snapshot",
]
