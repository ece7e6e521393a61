"""Extension points: how an upper layer adds to a lower one without the lower
one importing it.

A lower layer declares a point (``PUBLISH_CHECKS = ExtensionPoint(...)``) and
calls what is registered into it; an upper layer registers from its
``AppConfig.ready()``, as Wagtail's hooks do. The order of registration is the
order of calls, so an app's place in ``INSTALLED_APPS`` decides it.
"""

from collections.abc import Callable, Iterator


class ExtensionPoint:
    """A named, ordered list of callables (or classes) registered by other apps."""

    def __init__(self, name: str, doc: str = ""):
        self.name = name
        self.__doc__ = doc
        self._entries: list = []

    def __repr__(self):
        return f"<ExtensionPoint {self.name}: {len(self._entries)} registered>"

    def register(self, entry: Callable) -> Callable:
        """Add ``entry`` (usable as a decorator); registering twice is a no-op,
        so a ``ready()`` that runs again changes nothing."""
        if entry not in self._entries:
            self._entries.append(entry)
        return entry

    def __iter__(self) -> Iterator:
        return iter(list(self._entries))

    def __len__(self) -> int:
        return len(self._entries)

    def call_each(self, *args, **kwargs) -> list:
        """Every registered callable's answer, in registration order."""
        return [entry(*args, **kwargs) for entry in self._entries]

    def merged(self, *args, **kwargs) -> dict:
        """The dicts the registered callables return, merged in order."""
        merged: dict = {}
        for part in self.call_each(*args, **kwargs):
            merged.update(part or {})
        return merged

    def flattened(self, *args, **kwargs) -> list:
        """The lists the registered callables return, one after the other."""
        return [item for part in self.call_each(*args, **kwargs) for item in part]


#: Callables returning the next moment (or None) at which some reader page will
#: change by itself: a scheduled article appearing, a merch window opening.
#: Public pages are never cached past the earliest of them.
NEXT_CHANGES = ExtensionPoint("next changes", "Moments when pages change unaided.")

#: Called with ``key`` ("image:12", "series:3", "article:7", "merch") and
#: ``later`` when something article bodies may embed has changed; the articles
#: app re-renders the bodies that show it (in a background task when later).
CONTENT_CHANGED = ExtensionPoint(
    "content changed", "Something that article bodies may embed has changed."
)


def content_changed(*, key: str, later: bool = True) -> None:
    """Tell every app that registered in ``CONTENT_CHANGED`` that ``key`` changed."""
    CONTENT_CHANGED.call_each(key=key, later=later)
