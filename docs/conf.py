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
language = "en"
