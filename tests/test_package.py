"""The package as a whole: a light import, a complete public face, a working command."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources
from pathlib import Path

import cchc


def test_import_cchc_stays_light() -> None:
    code = (
        "import sys, cchc; heavy = {'pandas', 'docx', 'matplotlib', 'openpyxl', 'hypothesis'};"
        "print(sorted(heavy & set(sys.modules)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_every_public_name_exists_and_is_listed_once() -> None:
    assert len(cchc.__all__) == len(set(cchc.__all__))
    missing = [name for name in cchc.__all__ if not hasattr(cchc, name)]
    assert missing == []


def test_the_package_declares_its_types() -> None:
    assert resources.files("cchc").joinpath("py.typed").is_file()


def test_every_strategy_and_every_docs_page_is_listed() -> None:
    import cchc.strategies

    docs = Path(__file__).parent.parent / "docs"
    listed = (docs / "strategies.md").read_text(encoding="utf-8")
    strategies = [
        name
        for name, value in vars(cchc.strategies).items()
        if callable(value)
        and not name.startswith("_")
        and getattr(value, "__module__", "") == "cchc.strategies"
    ]
    assert strategies
    assert [n for n in strategies if f"`{n}`" not in listed] == []
    index = (docs / "index.md").read_text(encoding="utf-8")
    pages = [p.name for p in docs.glob("*.md") if p.name != "index.md"]
    assert [p for p in pages if f"({p})" not in index] == []
