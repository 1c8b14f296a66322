"""The library's conventions (docs/design.md), checked by walking its public face: one way to
explain, one way to check, one way to name a language, a small top level loaded lazily, and
the old names still working with a warning."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import subprocess
import sys
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

import cchc
from cchc.campaigns import CampaignResult, council_changes_of
from cchc.criteria import load_bundled
from cchc.errors import CchcError, Finding, InvalidDocumentError
from cchc.explanations import Explanation
from cchc.lang import Lang
from cchc.scoring import (
    SelfAssessment,
    compare_years,
    score_self_assessment,
    weakest_criteria,
)
from tests.office import chau_thanh_result

#: Packages that hold data files, not code.
DATA_PACKAGES = {"frameworks", "index_data", "schemas"}


def public_modules() -> list[ModuleType]:
    names = sorted(
        info.name
        for info in pkgutil.walk_packages(cchc.__path__, "cchc.")
        if not any(part.startswith("_") for part in info.name.split("."))
        and info.name.split(".")[1] not in DATA_PACKAGES
    )
    return [importlib.import_module(name) for name in names]


def public_objects() -> Iterator[tuple[str, Any]]:
    for module in public_modules():
        for name in getattr(module, "__all__", ()):
            yield f"{module.__name__}.{name}", getattr(module, name)


def public_classes() -> dict[type, str]:
    return {
        value: where
        for where, value in public_objects()
        if inspect.isclass(value) and value.__module__.startswith("cchc.")
    }


# --- the top level ----------------------------------------------------------------------------


def test_the_top_level_holds_a_few_dozen_names_each_of_them_real() -> None:
    assert 40 <= len(cchc.__all__) <= 70
    assert len(set(cchc.__all__)) == len(cchc.__all__)
    for name in cchc.__all__:
        assert getattr(cchc, name) is not None
    assert set(cchc._LAZY) == set(cchc.__all__)


def test_importing_cchc_loads_none_of_its_modules() -> None:
    code = "import sys, cchc; print(sorted(m for m in sys.modules if m.startswith('cchc.')))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_every_module_is_an_attribute_of_the_package() -> None:
    modules = {
        info.name
        for info in pkgutil.iter_modules(cchc.__path__)
        if not info.name.startswith("_") and info.name not in DATA_PACKAGES
    }
    assert modules == set(cchc._MODULES)
    for name in modules:
        assert getattr(cchc, name).__name__ == f"cchc.{name}"


@pytest.mark.parametrize("name", sorted(cchc._MOVED))
def test_a_name_the_top_level_no_longer_holds_still_works_with_a_warning(name: str) -> None:
    where, _, new = cchc._MOVED[name].partition(":")
    with pytest.warns(DeprecationWarning, match=rf"cchc\.{name} is deprecated; use {where}"):
        value = getattr(cchc, name)
    assert value is getattr(importlib.import_module(where), new)


def test_no_two_top_level_names_are_one_object_under_two_names() -> None:
    values = [id(getattr(cchc, name)) for name in cchc.__all__]
    assert len(set(values)) == len(values)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        cchc.nothing  # noqa: B018


# --- language ---------------------------------------------------------------------------------


def test_no_public_function_takes_lang_as_plain_text() -> None:
    offenders = []
    for where, value in public_objects():
        callables = [(where, value)] if callable(value) else []
        if inspect.isclass(value):
            callables += [
                (f"{where}.{name}", member)
                for name, member in vars(value).items()
                if callable(member) and not name.startswith("_")
            ]
        for path, function in callables:
            try:
                parameters = inspect.signature(function).parameters
            except (TypeError, ValueError):
                continue
            lang = parameters.get("lang")
            if lang is not None and "Lang" not in str(lang.annotation):
                offenders.append(f"{path}: lang: {lang.annotation}")
    assert offenders == []


# --- explaining -------------------------------------------------------------------------------


def explainable_samples() -> list[Any]:
    result = chau_thanh_result()
    final = result.final
    card = final.scorecard(final.units[0])
    own = result.own.scorecard(final.units[0])
    ranking = result.ranking
    return [
        card,
        own,
        score_self_assessment(
            load_bundled("cchc-campaign-6"), SelfAssessment.of(final.units[0], {"1.1": "4"})
        ),
        card.lines[1],
        ranking,
        ranking.entries[0],
        council_changes_of(result)[0],
        compare_years(ranking, ranking)[0],
        weakest_criteria(final)[0],
        result.decision,
        result,
    ]


def test_every_public_type_with_explain_is_walked_here() -> None:
    walked = {type(sample) for sample in explainable_samples()}
    explainable = {cls for cls in public_classes() if callable(getattr(cls, "explain", None))}
    assert explainable <= walked | {
        base for cls in walked for base in cls.__mro__ if base in explainable
    }


@pytest.mark.parametrize("sample", explainable_samples(), ids=lambda s: type(s).__name__)
def test_every_explain_returns_an_explanation_in_both_languages(sample: Any) -> None:
    vi, en = sample.explain(), sample.explain("en")
    assert isinstance(vi, Explanation)
    assert isinstance(en, Explanation)
    assert (vi.lang, en.lang) == (Lang.VI, Lang.EN)
    assert str(vi) == vi.text("vi") == en.text("vi")
    assert str(en) == en.text("en") == vi.text("en")
    assert vi.text("vi") != vi.text("en")  # two languages, not one text twice
    assert sample.explain(Lang.EN) == en
    with pytest.raises(CchcError):
        sample.explain("fr")


def test_an_explanation_displays_as_its_text_in_a_notebook() -> None:
    why = chau_thanh_result().final.scorecard("CT-NV").explain("en")
    assert why._repr_html_().startswith("<pre>CT-NV: final scorecard")

    class Printer:
        def __init__(self) -> None:
            self.shown = ""

        def text(self, value: str) -> None:
            self.shown += value

    printer = Printer()
    why._repr_pretty_(printer, cycle=False)
    assert printer.shown == why.text()


@pytest.mark.parametrize(
    ("module", "call"),
    [
        ("cchc.scoring", lambda m, r: m.explain(r.final.scorecard("CT-NV"))),
        ("cchc.awards", lambda m, r: m.explain(r.decision, "en")),
    ],
)
def test_the_old_explain_functions_warn_and_give_the_same_text(module: str, call: Any) -> None:
    result: CampaignResult = chau_thanh_result()
    with pytest.warns(DeprecationWarning, match=r"explain\(lang\)"):
        old = call(importlib.import_module(module), result)
    new = (
        result.final.scorecard("CT-NV").explain("en")
        if module == "cchc.scoring"
        else result.decision.explain("en").text()
    )
    assert old == new


# --- checking ---------------------------------------------------------------------------------


def test_every_checked_document_has_findings_and_check_with_the_same_parameters() -> None:
    checked = {
        cls
        for cls in public_classes()
        if callable(getattr(cls, "findings", None)) or callable(getattr(cls, "check", None))
    }
    assert checked, "no checked documents found"
    for cls in checked:
        findings, check = getattr(cls, "findings", None), getattr(cls, "check", None)
        if check is not None and (check.__doc__ or "").startswith("Deprecated"):
            continue  # an old name kept for one minor version
        assert callable(findings), f"{cls.__name__} has check() but no findings()"
        assert callable(check), f"{cls.__name__} has findings() but no check()"
        assert inspect.signature(findings).parameters == inspect.signature(check).parameters


def test_files_are_checked_the_same_way() -> None:
    from cchc import formats

    assert inspect.signature(formats.findings).parameters == (
        inspect.signature(formats.check).parameters
    )


def test_check_raises_with_every_finding_when_one_is_an_error() -> None:
    from cchc.calendar import Period
    from cchc.plans import BAC_KAN_7946, Plan

    plan, rules = Plan("KH", Period.year(2021)), BAC_KAN_7946.requiring()
    found = plan.findings(rules)
    assert all(isinstance(f, Finding) for f in found)
    with pytest.raises(InvalidDocumentError) as caught:
        plan.check(rules)
    assert caught.value.findings == found
