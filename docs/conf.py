"""Sphinx configuration of the cchc documentation site (Furo theme, MyST Markdown).

Built by ``python -m sphinx -W --keep-going -b html docs OUT`` (tests/test_docs_site.py does,
inside ``make test``). Importing this file only reads settings, so pytest's doctest collection
of docs/ imports it safely. No intersphinx: the build needs no network.
"""

from __future__ import annotations

import cchc

project = "cchc"
author = "The cchc developers"
copyright = "The cchc developers"
release = cchc.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.viewcode",
]
source_suffix = {".md": "markdown"}
# Members in the order of their module, which groups them by topic as its __all__ does.
autodoc_member_order = "bysource"
exclude_patterns = ["_build", "previews/*.md", "**/.ipynb_checkpoints"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 4
html_theme = "furo"
# The API pages document hundreds of objects: listing each in the table of contents would put
# them all into the navigation tree Furo renders on every page, and more than double the
# build's time. The pages themselves list every object; the sidebar lists the pages.
toc_object_entries = False
# The pages are in English, with the Vietnamese terms beside the English ones.
language = "en"
