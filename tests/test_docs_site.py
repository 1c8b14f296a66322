"""The documentation site: Sphinx (Furo theme, MyST Markdown) builds docs/ with warnings as
errors, every page is in the site's navigation, and every public module has an API page that
documents every name of its ``__all__``.

The site is built once for the module, as ``make test`` builds it: ``python -m sphinx -W
--keep-going -b html``. The examples of the pages are run by pytest's doctests, not here.
"""

from __future__ import annotations

import importlib
import pkgutil
import posixpath
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import cchc

# one worker builds the site once when `make test` spreads the tests (pytest-xdist)
pytestmark = pytest.mark.xdist_group("docs-site")

DOCS = Path(__file__).parent.parent / "docs"

#: The sections of the site's navigation, in order (the captions of the home page's toctrees).
SECTIONS = [
    "Getting started",
    "How-to guides",
    "Seed scenarios",
    "Reference",
    "API",
    "Design notes",
]

#: The jobs the how-to guides cover, and the seed scenarios (one page each, by example name).
HOWTO = ["collect-in-excel", "run-a-campaign", "issue-documents", "compare-years", "plot"]
SEEDS = ["van-ban-2023", "chau-thanh-2021", "bac-kan-7946", "district-273", "gia-lam-9m-2021"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built site (its HTML pages); the build's warnings fail it, each one shown."""
    out = tmp_path_factory.mktemp("site")
    command = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-b", "html", "-q"]
    build = subprocess.run(
        [*command, str(DOCS), str(out)], capture_output=True, text=True, timeout=900, check=False
    )
    assert build.returncode == 0, build.stderr
    return out


def _sources() -> list[str]:
    """Every page of docs/, as its path without ``.md``: ``howto/plot``."""
    return sorted(p.relative_to(DOCS).with_suffix("").as_posix() for p in DOCS.rglob("*.md"))


def _navigation(page: str) -> str:
    """The navigation tree of a built page: Furo's sidebar, the same on every page."""
    start = page.index('<div class="sidebar-tree">')
    return page[start : page.index("</div>", start)]


def _public_modules() -> list[ModuleType]:
    """Every module of cchc that declares a public API (``__all__``), private ones skipped
    before they are imported (``cchc.__main__`` runs the command)."""
    found = [cchc]
    for info in pkgutil.walk_packages(cchc.__path__, "cchc."):
        if any(part.startswith("_") for part in info.name.split(".")):
            continue
        module = importlib.import_module(info.name)
        if getattr(module, "__all__", ()):
            found.append(module)
    return found


def _api_page(module: ModuleType) -> str:
    """The API page of a module: ``cchc.export.docx`` is ``api/export-docx``."""
    name = module.__name__
    return "api/" + ("cchc" if name == "cchc" else name.removeprefix("cchc.").replace(".", "-"))


def test_the_home_page_opens_the_site_with_its_version(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    assert f"<title>cchc {cchc.__version__} documentation</title>" in home
    assert "cchc documentation" in home  # the home page's own heading, kept


def test_every_page_is_built(site: Path) -> None:
    sources = _sources()
    for expected in ["index", "getting-started", "api/index", "design"]:
        assert expected in sources
    assert [f"howto/{h}" for h in HOWTO if f"howto/{h}" not in sources] == []
    assert [f"seeds/{s}" for s in SEEDS if f"seeds/{s}" not in sources] == []
    assert [s for s in sources if not (site / f"{s}.html").is_file()] == []


def test_the_navigation_has_its_sections_in_order(site: Path) -> None:
    navigation = _navigation((site / "index.html").read_text(encoding="utf-8"))
    captions = re.findall(r'<span class="caption-text">([^<]*)</span>', navigation)
    assert captions == SECTIONS


def test_every_page_is_in_the_navigation(site: Path) -> None:
    """Every page of docs/ can be reached from the sidebar of any page: none is an orphan."""
    for page in ["index", "api/scoring", "howto/plot"]:
        html = (site / f"{page}.html").read_text(encoding="utf-8")
        links = set(re.findall(r'href="([^"#]+)"', _navigation(html)))
        here = posixpath.dirname(page)
        reached = {posixpath.normpath(posixpath.join(here, link)) for link in links}
        reached.add("index.html")  # the home page heads the sidebar as its brand link
        reached.add(f"{page}.html")  # the page itself is linked as "#"
        assert [s for s in _sources() if f"{s}.html" not in reached] == []


def test_every_public_module_has_an_api_page(site: Path) -> None:
    modules = _public_modules()
    assert {"cchc.scoring", "cchc.export.docx", "cchc.plots", "cchc.cli"} <= {
        m.__name__ for m in modules
    }
    assert [m.__name__ for m in modules if not (site / f"{_api_page(m)}.html").is_file()] == []


def test_every_class_and_function_a_module_exports_is_documented_on_its_page(
    site: Path,
) -> None:
    """Each class and function of a module's ``__all__`` that the module defines has its entry
    on the module's page (an anchor ``id="cchc.mod.name"``). Names a module re-exports from
    another are documented where they are defined; constants are documented where they carry a
    doc comment (``#:``)."""
    missing = []
    for module in _public_modules():
        if module is cchc:
            continue  # the top level re-exports names documented on their modules' pages
        html = (site / f"{_api_page(module)}.html").read_text(encoding="utf-8")
        missing += [
            f"{module.__name__}.{name}"
            for name, value in ((n, getattr(module, n)) for n in module.__all__)
            if (isinstance(value, type) or callable(value))
            and getattr(value, "__module__", None) == module.__name__
            and f'id="{module.__name__}.{name}"' not in html
        ]
    assert missing == []


def test_the_top_level_page_documents_no_name_twice(site: Path) -> None:
    """``cchc.Framework`` is ``cchc.criteria.Framework``: documented once, on its module's
    page; the top level's page gives the package's docstring and points there."""
    html = (site / "api" / "cchc.html").read_text(encoding="utf-8")
    assert 'id="module-cchc"' in html
    assert re.findall(r'id="cchc\.\w+"', html) == []
    assert 'id="cchc.criteria.Framework"' in (site / "api" / "criteria.html").read_text(
        encoding="utf-8"
    )


def test_the_api_pages_show_the_docstrings_examples(site: Path) -> None:
    html = (site / "api" / "scoring.html").read_text(encoding="utf-8")
    assert 'id="cchc.scoring.rank"' in html
    assert "&gt;&gt;&gt;" in html  # the docstrings' examples, as the reader of help() sees them
