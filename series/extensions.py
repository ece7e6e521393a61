"""Where other apps add to the encyclopedia's pages without series knowing them.

Filled from the registering app's ``AppConfig.ready()``.
"""

from newsroom.kernel.extensions import ExtensionPoint

#: ``panel(series) -> dict``: context for a series page (articles: the coverage;
#: reviews: the outlet's reviews and average score). Merged in order.
SERIES_PAGE_PANELS = ExtensionPoint("series page panels", "Series page panels.")

#: ``panel(person) -> dict``: context for a person's page (articles: coverage).
PERSON_PAGE_PANELS = ExtensionPoint("person page panels", "Person page panels.")

#: ``panel(studio) -> dict``: context for a studio's page (articles: coverage).
STUDIO_PAGE_PANELS = ExtensionPoint("studio page panels", "Studio page panels.")
