"""Shimbun's own packages, in layers (each imports only from those below):

- ``newsroom.kernel``: media library, slug history, site-wide pages, audit
  log, staff accounts, extension points, tasks, page helpers;
- ``series`` (top-level package): the encyclopedia;
- ``newsroom.articles``: articles, workflow, body and embeds, feeds, search;
- ``reviews`` (top-level package) and ``newsroom.merch``: extend the layers
  below through their extension points;
- ``newsroom.site``: settings, root URLs, roles and the demo.

The contract is in pyproject.toml and checked by ``lint-imports``.
"""
