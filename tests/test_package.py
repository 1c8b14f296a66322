"""The package as a whole: a light import, a complete public face, a working command."""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import re
import subprocess
import sys
import tarfile
import tomllib
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import pytest
from packaging.requirements import Requirement

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


# --- the installed package: its version, its extras, its tests from the sdist -------------

ROOT = Path(__file__).parent.parent
PACKAGE = Path(cchc.__file__).parent  # where `import cchc` found the package

#: Set by the sdist check: the tests must then use an installed cchc, not the src/ beside them.
INSTALLED_ONLY = os.environ.get("CCHC_TEST_INSTALLED") == "1"

#: Development tools: never a dependency of the published package, never an extra.
DEV_TOOLS = {"pytest", "ruff", "mypy", "hatchling", "build", "pandas-stubs", "jsonschema"}


def _pyproject() -> dict[str, Any]:
    with (ROOT / "pyproject.toml").open("rb") as f:
        return tomllib.load(f)


def _project() -> dict[str, Any]:
    project: dict[str, Any] = _pyproject()["project"]
    return project


def _extras() -> dict[str, list[Requirement]]:
    declared = _project().get("optional-dependencies", {})
    return {extra: [Requirement(r) for r in reqs] for extra, reqs in declared.items()}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _imported_modules(package: Path) -> set[str]:
    """The top-level modules the package's source imports anywhere (at the top, inside a
    function, behind a try, or through ``_fields.require``), read from its syntax: docstrings
    and comments do not count."""
    found: set[str] = set()
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
            elif (  # an optional extra asked for by name: _fields.require("pandas", ...)
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "require"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.add(node.args[0].value.split(".")[0])
    return found


def test_the_installed_version_is_the_version_of_the_package() -> None:
    assert metadata.version("cchc") == cchc.__version__
    assert re.fullmatch(r"\d+\.\d+\.\d+((a|b|rc)\d+)?(\.post\d+)?(\.dev\d+)?", cchc.__version__)


def test_the_version_is_written_in_one_place() -> None:
    project = _project()
    assert "version" not in project
    assert project.get("dynamic") == ["version"]
    assert _pyproject()["tool"]["hatch"]["version"] == {"path": "src/cchc/__init__.py"}
    written = [
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "src" / "cchc").rglob("*.py")
        if re.search(r"^__version__\s*=", p.read_text(encoding="utf-8"), re.M)
    ]
    assert written == ["src/cchc/__init__.py"]


def test_the_installed_metadata_declares_the_extras_of_pyproject() -> None:
    installed = set(metadata.metadata("cchc").get_all("Provides-Extra") or [])
    assert installed == set(_extras()), "the installed metadata is stale: reinstall the package"


def test_every_extra_has_code_behind_it() -> None:
    """Each package an extra installs is imported somewhere in cchc; ``all`` is every other
    extra, and nothing more."""
    extras = _extras()
    imported = _imported_modules(PACKAGE)
    modules_of: dict[str, set[str]] = {}
    for module, dists in metadata.packages_distributions().items():
        for dist in dists:
            modules_of.setdefault(_norm(dist), set()).add(module)

    def modules(dist: str) -> set[str]:
        """The modules a distribution installs; where it is not installed, the usual guesses
        (python-docx installs docx, python-calamine python_calamine)."""
        name = _norm(dist)
        guesses = {name.replace("-", "_"), name.removeprefix("python-").replace("-", "_")}
        return modules_of.get(name) or guesses

    unused = {
        extra: sorted(req.name for req in reqs if not modules(req.name) & imported)
        for extra, reqs in extras.items()
        if extra != "all"
    }
    assert {extra: names for extra, names in unused.items() if names} == {}
    everything = list(extras["all"])
    assert [_norm(r.name) for r in everything] == ["cchc"]
    assert everything[0].extras == set(extras) - {"all"}


def test_the_development_tools_are_a_dependency_group_not_an_extra() -> None:
    extras = _extras()
    assert not {"dev", "test", "tests", "lint", "docs"} & set(extras)
    required = [Requirement(r) for r in _project().get("dependencies", [])]
    shipped = {_norm(r.name) for r in required} | {
        _norm(r.name) for reqs in extras.values() for r in reqs
    }
    assert not {t for t in shipped if t in DEV_TOOLS or t.startswith("types-")}
    group = [Requirement(r).name for r in _pyproject()["dependency-groups"]["dev"]]
    assert {"pytest", "ruff", "mypy"} <= {_norm(n) for n in group}
    published = metadata.metadata("cchc").get_all("Requires-Dist") or []
    assert not [r for r in published if _norm(Requirement(r).name) in DEV_TOOLS]


def test_cchc_is_imported_from_one_place() -> None:
    """Every module of cchc comes from the one package ``import cchc`` found; in the sdist
    check (``CCHC_TEST_INSTALLED=1``) that is an installed copy, not the src/ beside tests/."""
    stray = sorted(
        name
        for name, module in list(sys.modules.items())
        if (name == "cchc" or name.startswith("cchc."))
        and getattr(module, "__file__", None)
        and not Path(str(module.__file__)).resolve().is_relative_to(PACKAGE.resolve())
    )
    assert stray == []
    if INSTALLED_ONLY:
        assert not PACKAGE.resolve().is_relative_to(ROOT.resolve()), PACKAGE


# --- the sdist: built, unpacked, its wheel installed, its tests run against that --------------


def _run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **env},
    )


def _build_backend(tmp: Path) -> dict[str, str]:
    """The environment in which ``python -m hatchling`` runs: the development group's, or a
    copy fetched for this test by pip."""
    if importlib.util.find_spec("hatchling") is None:
        target = tmp / "backend"
        done = _run(
            [sys.executable, "-m", "pip", "install", "-q", "--target", str(target), "hatchling"],
            tmp,
        )
        if done.returncode != 0:
            pytest.skip(f"hatchling is not installed and pip could not fetch it: {done.stderr}")
        return {"PYTHONPATH": str(target)}
    return {}


#: What the unpacked sdist must hold for its tests to run: conftest.py registers the
#: Hypothesis profiles (``dev``, ``ci``) the tests run under.
SDIST_NEEDS = ("pyproject.toml", "conftest.py", "README.md", "LICENSE", "tests", "docs", "src/cchc")

#: The tests the sdist check runs from the unpacked tree (the whole suite is `make test`'s).
SDIST_TESTS = [
    "tests/test_package.py::test_cchc_is_imported_from_one_place",
    "tests/test_package.py::test_the_installed_version_is_the_version_of_the_package",
    "tests/test_package.py::test_every_extra_has_code_behind_it",
    "tests/test_package.py::test_the_package_declares_its_types",
    "tests/test_package.py::test_import_cchc_stays_light",
    "docs/areas.md",
]


#: A pytest plugin for the sdist check: it writes down the file every test and doctest came
#: from and every cchc module loaded, so that a copy of the sources cannot go unnoticed.
ORIGINS_PLUGIN = """
import json, os, sys

seen = set()

def pytest_runtest_call(item):
    test = getattr(item, "dtest", None)
    seen.add(str(test.filename if test is not None else item.path))

def pytest_sessionfinish(session):
    seen.update(
        str(module.__file__)
        for name, module in list(sys.modules.items())
        if name.split(".")[0] == "cchc" and getattr(module, "__file__", None)
    )
    with open(os.environ["CCHC_ORIGINS"], "w", encoding="utf-8") as f:
        json.dump(sorted(seen), f)
"""


@pytest.fixture(scope="module")
def sdist(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The sdist built from this tree and unpacked, and the environment hatchling runs in."""
    if INSTALLED_ONLY:
        pytest.skip("already running the sdist's tests")
    tmp = tmp_path_factory.mktemp("sdist")
    backend = _build_backend(tmp)
    built = _run(
        [sys.executable, "-m", "hatchling", "build", "-t", "sdist", "-d", str(tmp / "dist")],
        ROOT,
        **backend,
    )
    assert built.returncode == 0, built.stderr
    (archive_path,) = (tmp / "dist").glob("cchc-*.tar.gz")
    with tarfile.open(archive_path) as archive:
        if hasattr(tarfile, "data_filter"):  # Python 3.11.4 and later
            archive.extractall(tmp, filter="data")
        else:  # the archive is the one just built
            archive.extractall(tmp)
    (tree,) = (p for p in tmp.glob("cchc-*") if p.is_dir())
    return tree, backend


@pytest.mark.xdist_group("sdist")  # one worker builds the sdist
def test_the_sdist_carries_what_its_tests_need(sdist: tuple[Path, dict[str, str]]) -> None:
    tree, _ = sdist
    assert [needed for needed in SDIST_NEEDS if not (tree / needed).exists()] == []
    assert (tree / "src" / "cchc" / "py.typed").is_file()


@pytest.mark.xdist_group("sdist")  # one worker builds the sdist
def test_the_sdists_tests_run_against_the_installed_package(
    sdist: tuple[Path, dict[str, str]],
) -> None:
    """What a packager does: build the sdist, unpack it, build and install its wheel, and
    run the unpacked tests, with doctests of the installed modules (``--pyargs``) and of the
    docs. Every cchc module must come from the installed wheel, none from the sdist's src/
    (``--import-mode=importlib`` keeps the tree off ``sys.path``; ``src`` in ``testpaths`` is
    not collected when paths are given)."""
    tree, backend = sdist
    dist = tree.parent / "wheel"
    built = _run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(dist)],
        tree,
        **backend,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = dist.glob("cchc-*.whl")
    site = tree.parent / "site"
    pip = [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index"]
    installed = _run([*pip, "--target", str(site), str(wheel)], tree.parent)
    assert installed.returncode == 0, installed.stderr
    plugins = tree.parent / "plugins"
    plugins.mkdir()
    (plugins / "cchc_origins.py").write_text(ORIGINS_PLUGIN, encoding="utf-8")
    origins = tree.parent / "origins.json"
    pytest_args = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "cchc_origins"]
    tests = _run(
        [
            *pytest_args,
            "--import-mode=importlib",
            "-v",
            *SDIST_TESTS,
            "--pyargs",
            "cchc.areas",
            "cchc.text",
        ],
        tree,
        PYTHONPATH=os.pathsep.join([str(site), str(plugins)]),
        CCHC_TEST_INSTALLED="1",
        CCHC_ORIGINS=str(origins),
    )
    assert tests.returncode == 0, tests.stdout[-3000:] + tests.stderr[-2000:]
    files = [Path(f) for f in json.loads(origins.read_text(encoding="utf-8"))]
    assert [f for f in files if f.is_relative_to(tree / "src")] == []
    assert site / "cchc" / "areas.py" in files  # its doctests ran from the installed copy
    assert tree / "tests" / "test_package.py" in files
    assert "test_cchc_is_imported_from_one_place PASSED" in tests.stdout
    # the doctests of the installed modules ran, found by module name in the installed copy
    assert re.search(r"::cchc\.areas\S* PASSED", tests.stdout)
    assert re.search(r"::cchc\.text\S* PASSED", tests.stdout)
    assert str(tree / "src") not in tests.stdout
