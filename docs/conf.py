"""Sphinx configuration of the cchc documentation site (Furo theme, MyST Markdown)."""

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
exclude_patterns = ["_build", "previews/*.md", "**/.ipynb_checkpoints"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 4
html_theme = "furo"
# The API pages document hundreds of objects: listing each in the table of contents would put
# them all into the navigation tree Furo renders on every page, and more than double the
# build's time. The pages themselves list every object; the sidebar lists the pages.
toc_object_entries = False
language = "en"
