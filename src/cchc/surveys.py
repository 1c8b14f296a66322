"""Survey answers to satisfaction shares, mean scores and intervals, and a survey's uncertainty
carried into points, bands, ranks and prizes.

Reform assessments add the points of sociological surveys (điều tra xã hội học): the leaders'
survey, and the citizens' satisfaction with administrative services, SIPAS (Chỉ số hài lòng
về sự phục vụ hành chính, Quyết định số 2640/QĐ-BNV ngày 10/10/2017 của Bộ Nội vụ). This module
takes respondent-level answers and gives, for every unit surveyed and every question, element
(dimension) and the survey as a whole:

- the **share satisfied** (SIPAS counts "satisfied" and "very satisfied", the top two levels
  of a 5-point scale; each :class:`Scale` says which of its levels count) and the **mean
  score**, both *exact* fractions, design weights included when they are given;
- the **counts**: valid answers, and apart from them the answers "not applicable", "don't
  know" and blanks, which are not valid answers and count in no share;
- **intervals**, which are floats because they are statistical approximations: Wilson's
  interval for the share (on the Kish effective sample size when weighted), a linearised
  standard error, and a seeded bootstrap interval (NumPy ``Generator``, vectorised over the
  resamples).

References: E. B. Wilson (1927), "Probable inference, the law of succession, and statistical
inference", *Journal of the American Statistical Association* 22(158), 209–212; L. Kish
(1965), *Survey Sampling*, Wiley (the effective sample size); K. M. Wolter (2007),
*Introduction to Variance Estimation*, 2nd ed., Springer (Taylor linearisation of ratios);
B. Efron and R. Tibshirani (1993), *An Introduction to the Bootstrap*, Chapman & Hall.

>>> import numpy as np
>>> answers = {q.code: np.array([5, 4, 4, 2, 3, -2]) for q in SIPAS.questions}
>>> results = estimate(Responses(SIPAS, ["XA-01"] * 6, answers), replicates=200)
>>> e = results.of("XA-01", "access")
>>> e.share, e.n_valid, e.n_dont_know
(Fraction(3, 5), 5, 1)
>>> e.mean
Fraction(18, 5)
>>> [round(x, 3) for x in e.wilson]
[0.231, 0.882]

Survey values enter scoring as :class:`~cchc.scoring.SurveyResult` s (:func:`survey_results`)
or as a survey-stage :class:`~cchc.scoring.ScoreTable` (:func:`survey_table`). Drawing
plausible survey values for each unit (:func:`draw_survey_values`: from the bootstrap, or a
normal or beta approximation) and scoring every draw with the exact engine
(:func:`survey_outcomes`, :func:`campaign_outcomes`) gives each unit's probability of every
band and every prize, counted as exact fractions of the draws. See ``docs/surveys.md``.

What SIPAS publishes and what is bundled here: the five elements of :data:`SIPAS`, with their
Vietnamese and English names, follow the scheme; the questionnaire's questions and the
formula and weights that combine them are not bundled, because they were not read. Each
element here holds one satisfaction question, and the overall index is the unweighted mean of
the elements' shares: an **illustrative default**, not the official formula.
"""

from __future__ import annotations

import itertools
import math
import numbers
import zlib
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from statistics import NormalDist
from typing import TYPE_CHECKING, Any, cast

import attrs
import numpy as np
import numpy.typing as npt

from cchc._fields import (
    CodedEnum,
    fraction,
    instance_of,
    is_bool,
    is_code,
    is_name,
    is_text,
    items_of,
    of_type,
    one_of,
    sequence,
    text,
    to_nfc,
    whole,
    wrong_type,
)
from cchc.criteria import Criterion, Framework, RuleKind, round_ratio
from cchc.errors import (
    CchcError,
    CchcTypeError,
    Finding,
    InvalidDocumentError,
    NotFoundError,
    ValidationError,
)
from cchc.scoring import (
    ScoreTable,
    Source,
    SurveyResult,
    TiePolicy,
    rank,
    score_table,
)
from cchc.text import fold

if TYPE_CHECKING:
    from cchc.campaigns import Campaign, CampaignInputs

__all__ = [
    # definitions
    "LIKERT_5",
    "SIPAS",
    "YES_NO",
    "Element",
    "NonAnswer",
    "Question",
    "Scale",
    "ScaleLevel",
    "Survey",
    # answers and estimates
    "EstimateLevel",
    "Responses",
    "SurveyEstimate",
    "SurveyEstimates",
    "estimate",
    "wilson_interval",
    # into scoring
    "survey_results",
    "survey_table",
    # uncertainty carried into bands, ranks and prizes
    "SurveyDraws",
    "SurveyOutcomes",
    "campaign_outcomes",
    "draw_survey_values",
    "survey_outcomes",
]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

#: The most levels a scale may have, respondents a survey may hold, and draws or bootstrap
#: replicates a run may ask for: bounds on time and memory, far above real surveys.
MAX_LEVELS = 101
MAX_RESPONDENTS = 10_000_000
MAX_DRAWS = 100_000
#: How many bad rows a finding names before it only counts the rest.
_SHOWN_ROWS = 5
#: The largest common denominator of the design weights: sums stay exact and small.
_COMMON_LIMIT = 10**36
#: Cells of a bootstrap chunk (replicates × respondents): bounds the memory of a resample.
_CHUNK_CELLS = 2_000_000


# ---------------------------------------------------------------------------------------------
# scales, questions, elements, surveys


class NonAnswer(CodedEnum):
    """Answers that are not valid answers: they count in no share and no mean, and are counted
    apart. In the columnar answers they are these negative codes.

    >>> NonAnswer("không biết"), NonAnswer(-1).vi, int(NonAnswer.BLANK.value)
    (NonAnswer.DONT_KNOW, 'không áp dụng', -3)
    """

    NOT_APPLICABLE = -1
    DONT_KNOW = -2
    BLANK = -3

    @property
    def vi(self) -> str:
        """The Vietnamese name, as on a questionnaire."""
        return {-1: "không áp dụng", -2: "không biết", -3: "bỏ trống"}[self.value]

    @property
    def en(self) -> str:
        """The English name."""
        return {-1: "not applicable", -2: "don't know", -3: "blank"}[self.value]

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if isinstance(value, str) and len(value) <= 64:
            key = fold(value)
            for member in cls:
                if key in (fold(member.vi), fold(member.en), member.name.casefold()):
                    return member
        return super()._missing_(value)


def _level_value(value: object) -> int:
    return whole(value, "value", minimum=0, maximum=1000)


@attrs.frozen
class ScaleLevel:
    """One answer of a scale: its code (a whole number from 0) and its words.

    >>> ScaleLevel(5, "Rất hài lòng", "Very satisfied").value
    5
    """

    value: int = attrs.field(converter=_level_value)
    vi: str = attrs.field(converter=to_nfc, validator=is_name)
    en: str = attrs.field(default="", converter=to_nfc, validator=is_text)


def _levels(value: object) -> tuple[ScaleLevel, ...]:
    levels = items_of(value, ScaleLevel, "levels")
    if not levels:
        raise ValidationError(
            "a scale needs at least two levels",
            vi="thang đo cần ít nhất hai mức",
            field="levels",
            value=levels,
        )
    if len(levels) > MAX_LEVELS:
        raise ValidationError(
            f"has more than {MAX_LEVELS} levels",
            vi=f"có quá {MAX_LEVELS} mức",
            field="levels",
            value=len(levels),
        )
    return tuple(sorted(levels, key=lambda level: level.value))


def _satisfied(value: object) -> frozenset[int]:
    items = sequence(value, "satisfied")
    return frozenset(whole(v, f"satisfied[{i}]", minimum=0) for i, v in enumerate(items))


@attrs.frozen
class Scale:
    """An answer scale: its levels and which of them count as satisfied.

    >>> LIKERT_5.values, sorted(LIKERT_5.satisfied)
    ((1, 2, 3, 4, 5), [4, 5])
    >>> Scale("x", [ScaleLevel(1, "Có")], [2])
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: levels = (ScaleLevel(value=1, vi='Có', en=''),): a scale needs \
at least two levels
    """

    code: str = attrs.field(converter=to_nfc, validator=is_code)
    levels: tuple[ScaleLevel, ...] = attrs.field(converter=_levels)
    satisfied: frozenset[int] = attrs.field(converter=_satisfied)

    def __attrs_post_init__(self) -> None:
        if len(self.levels) < 2:
            raise ValidationError(
                "a scale needs at least two levels",
                vi="thang đo cần ít nhất hai mức",
                field="levels",
                value=self.levels,
            )
        values = [level.value for level in self.levels]
        for i, (a, b) in enumerate(itertools.pairwise(values)):
            if a == b:
                raise ValidationError(
                    "two levels share one code",
                    vi=f"hai mức trả lời cùng mang mã {a}",
                    field=f"levels[{i + 1}].value",
                    value=b,
                )
        unknown = sorted(self.satisfied - set(values))
        if unknown:
            raise ValidationError(
                f"names no level of the scale (levels: {', '.join(map(str, values))})",
                vi=f"không phải là mức của thang đo (các mức: {', '.join(map(str, values))})",
                field="satisfied",
                value=unknown[0],
            )
        if not self.satisfied:
            raise ValidationError(
                "no level counts as satisfied",
                vi="chưa có mức nào được tính là hài lòng",
                field="satisfied",
                value=sorted(self.satisfied),
            )

    @property
    def values(self) -> tuple[int, ...]:
        """The level codes, lowest first."""
        return tuple(level.value for level in self.levels)

    @property
    def low(self) -> int:
        """The lowest level."""
        return self.levels[0].value

    @property
    def high(self) -> int:
        """The highest level."""
        return self.levels[-1].value


#: The 5-point satisfaction scale of SIPAS questionnaires; levels 4 and 5 count as satisfied.
LIKERT_5 = Scale(
    "likert-5",
    [
        ScaleLevel(1, "Rất không hài lòng", "Very dissatisfied"),
        ScaleLevel(2, "Không hài lòng", "Dissatisfied"),
        ScaleLevel(3, "Bình thường", "Neither satisfied nor dissatisfied"),
        ScaleLevel(4, "Hài lòng", "Satisfied"),
        ScaleLevel(5, "Rất hài lòng", "Very satisfied"),
    ],
    [4, 5],
)

#: A yes/no question; yes (1) counts.
YES_NO = Scale("yes-no", [ScaleLevel(0, "Không", "No"), ScaleLevel(1, "Có", "Yes")], [1])


@attrs.frozen
class Question:
    """One question of a questionnaire: its code, its words and its scale.

    >>> Question("q 1", "Hài lòng?")
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: code = 'q 1': must not contain white space
    """

    code: str = attrs.field(converter=to_nfc, validator=is_code)
    vi: str = attrs.field(converter=to_nfc, validator=is_name)
    en: str = attrs.field(default="", converter=to_nfc, validator=is_text)
    scale: Scale = attrs.field(default=LIKERT_5, validator=instance_of(Scale))


def _questions(value: object) -> tuple[Question, ...]:
    return items_of(value, Question, "questions")


@attrs.frozen
class Element:
    """An element (dimension) of a survey and its questions. Its share is the mean of its
    questions' shares (those with valid answers); its mean score the mean of their means when
    they share one scale.

    >>> Element("access", "Tiếp cận dịch vụ", "Access", []).questions
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: questions = (): an element needs at least one question
    """

    code: str = attrs.field(converter=to_nfc, validator=is_code)
    vi: str = attrs.field(converter=to_nfc, validator=is_name)
    en: str = attrs.field(default="", converter=to_nfc, validator=is_text)
    questions: tuple[Question, ...] = attrs.field(default=(), converter=_questions)

    def __attrs_post_init__(self) -> None:
        if not self.questions:
            raise ValidationError(
                "an element needs at least one question",
                vi="mỗi yếu tố cần ít nhất một câu hỏi",
                field="questions",
                value=self.questions,
            )

    @property
    def scale(self) -> Scale | None:
        """The scale all its questions share, or None when they differ."""
        scales = {q.scale for q in self.questions}
        return self.questions[0].scale if len(scales) == 1 else None


def _elements(value: object) -> tuple[Element, ...]:
    return items_of(value, Element, "elements")


def _element_weights(value: object) -> tuple[tuple[str, Fraction], ...] | None:
    if value is None:
        return None
    if isinstance(value, Mapping):
        pairs = list(value.items())
    else:
        pairs = list(sequence(value, "element_weights"))
    out = []
    for i, pair in enumerate(pairs):
        if not (isinstance(pair, tuple | list) and len(pair) == 2):
            raise CchcTypeError(
                "must be pairs (element code, weight)",
                vi="phải là các cặp (mã yếu tố, trọng số)",
                field=f"element_weights[{i}]",
                value=pair,
            )
        code = text(pair[0], f"element_weights[{i}]")
        out.append((code, fraction(pair[1], f"element_weights[{code!r}]")))
    return tuple(out)


def _check_survey(survey: Survey) -> None:
    seen: dict[str, str] = {fold(survey.code): "the survey"}
    findings: list[Finding] = []

    def claim(code: str, path: str, what: str) -> None:
        key = fold(code)
        if key in seen:
            findings.append(
                Finding(
                    "survey.duplicate-code",
                    path,
                    f"mã “{code}” đã dùng cho {seen[key]}",
                    f"code {code!r} is already used by {seen[key]}",
                )
            )
        else:
            seen[key] = what

    if not survey.elements:
        findings.append(
            Finding(
                "survey.no-elements",
                "elements",
                "phiếu khảo sát chưa có yếu tố nào",
                "a survey needs at least one element",
            )
        )
    for i, element in enumerate(survey.elements):
        claim(element.code, f"elements[{i}].code", f"element {element.code}")
        for j, question in enumerate(element.questions):
            claim(question.code, f"elements[{i}].questions[{j}].code", f"question {question.code}")
    if survey.element_weights is not None:
        codes = {fold(e.code) for e in survey.elements}
        given: set[str] = set()
        for i, (code, weight) in enumerate(survey.element_weights):
            path = f"element_weights[{i}]"
            if fold(code) not in codes:
                findings.append(
                    Finding(
                        "survey.unknown-element",
                        path,
                        f"trọng số cho yếu tố “{code}” không có trong phiếu",
                        f"a weight for {code!r}, which is no element of the survey",
                    )
                )
            if fold(code) in given:
                findings.append(
                    Finding(
                        "survey.duplicate-weight",
                        path,
                        f"yếu tố “{code}” có hai trọng số",
                        f"element {code!r} is weighted twice",
                    )
                )
            given.add(fold(code))
            if weight < 0:
                findings.append(
                    Finding(
                        "survey.negative-weight",
                        path,
                        f"trọng số của yếu tố “{code}” là số âm ({weight})",
                        f"the weight of {code!r} is negative ({weight})",
                    )
                )
        missing = [e.code for e in survey.elements if fold(e.code) not in given]
        if missing:
            findings.append(
                Finding(
                    "survey.unweighted-element",
                    "element_weights",
                    f"các yếu tố chưa có trọng số: {', '.join(missing)}",
                    f"elements without a weight: {', '.join(missing)}",
                )
            )
        elif not any(w > 0 for _, w in survey.element_weights):
            findings.append(
                Finding(
                    "survey.zero-weights",
                    "element_weights",
                    "mọi trọng số đều bằng 0",
                    "every weight is 0",
                )
            )
    if findings:
        raise InvalidDocumentError(f"survey {survey.code!r}", findings)


@attrs.frozen
class Survey:
    """A survey's definition: its elements and their questions, with its source.

    ``element_weights`` (element code -> weight, exact) combine the elements' shares into the
    overall one; None (the default) takes their unweighted mean. Weights need not add up to
    one: they are re-scaled. Every problem of a definition is reported at once:

    >>> q = Question("q1", "Câu hỏi 1")
    >>> Survey("s", "Khảo sát", "Survey", [Element("q1", "Yếu tố", "", [q])],
    ...        element_weights={"x": -1})
    Traceback (most recent call last):
    ...
    cchc.errors.InvalidDocumentError: survey 's': 4 problems
      error survey.duplicate-code at elements[0].questions[0].code: code 'q1' is already used \
by element q1 (mã “q1” đã dùng cho element q1)
      error survey.unknown-element at element_weights[0]: ...
      error survey.negative-weight at element_weights[0]: ...
      error survey.unweighted-element at element_weights: elements without a weight: q1 (...)
    """

    code: str = attrs.field(converter=to_nfc, validator=is_code)
    vi: str = attrs.field(converter=to_nfc, validator=is_name)
    en: str = attrs.field(default="", converter=to_nfc, validator=is_text)
    elements: tuple[Element, ...] = attrs.field(default=(), converter=_elements)
    element_weights: tuple[tuple[str, Fraction], ...] | None = attrs.field(
        default=None, converter=_element_weights
    )
    source: str = attrs.field(default="", converter=to_nfc, validator=is_text, kw_only=True)
    illustrative: bool = attrs.field(default=False, validator=is_bool, kw_only=True)
    note: str = attrs.field(default="", converter=to_nfc, validator=is_text, kw_only=True)

    def __attrs_post_init__(self) -> None:
        _check_survey(self)

    @property
    def questions(self) -> tuple[Question, ...]:
        """Every question, element by element."""
        return tuple(q for e in self.elements for q in e.questions)

    def question(self, code: str) -> Question:
        """The question with this code (compared after :func:`~cchc.text.fold`)."""
        key = fold(text(code, "question"))
        for q in self.questions:
            if fold(q.code) == key:
                return q
        raise NotFoundError(
            "is no question of the survey",
            vi=f"không có câu hỏi này trong phiếu khảo sát {self.code}",
            field="question",
            value=code,
        )

    def weights(self) -> tuple[Fraction, ...]:
        """The weight of each element in the overall share, re-scaled to add up to one."""
        if self.element_weights is None:
            return tuple(Fraction(1, len(self.elements)) for _ in self.elements)
        given = {fold(code): w for code, w in self.element_weights}
        raw = [given[fold(e.code)] for e in self.elements]
        total = sum(raw, Fraction(0))
        return tuple(w / total for w in raw)

    def items(self) -> tuple[str, ...]:
        """The codes estimates are given for: questions, then elements, then the survey."""
        return (
            *(q.code for q in self.questions),
            *(e.code for e in self.elements),
            self.code,
        )


def _sipas_element(code: str, vi: str, en: str) -> Element:
    return Element(
        code,
        vi,
        en,
        [
            Question(
                f"{code}.hl", f"Mức độ hài lòng về {vi[0].lower()}{vi[1:]}", f"{en}: satisfaction"
            )
        ],
    )


#: SIPAS, the index of citizens' and organisations' satisfaction with the services of state
#: administrative bodies: its five elements as Đề án 2640/QĐ-BNV (10/10/2017) names them.
#: One satisfaction question per element and the unweighted mean are illustrative.
SIPAS = Survey(
    "SIPAS",
    "Chỉ số hài lòng về sự phục vụ hành chính",
    "Satisfaction Index of Public Administrative Services",
    [
        _sipas_element("access", "Tiếp cận dịch vụ", "Access to services"),
        _sipas_element("procedures", "Thủ tục hành chính", "Administrative procedures"),
        _sipas_element(
            "civil_servants",
            "Công chức trực tiếp giải quyết công việc",
            "Civil servants handling the case",
        ),
        _sipas_element("results", "Kết quả dịch vụ", "Results of the service"),
        _sipas_element(
            "feedback",
            "Tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị",
            "Receiving and handling feedback",
        ),
    ],
    source="Quyết định số 2640/QĐ-BNV ngày 10/10/2017 của Bộ Nội vụ phê duyệt Đề án "
    "“Đo lường sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà "
    "nước giai đoạn 2017 – 2020” (khởi đầu: Quyết định số 1383/QĐ-BNV ngày 28/12/2012)",
    illustrative=True,
    note="Năm yếu tố theo Đề án 2640; câu hỏi (mỗi yếu tố một câu) và cách tổng hợp (trung bình "
    "không trọng số) là minh họa: bộ câu hỏi, trọng số và công thức chính thức không có ở đây. "
    "The five elements follow the scheme; one question per element and the unweighted mean are "
    "illustrative: the official questions, weights and formula are not bundled.",
)


# ---------------------------------------------------------------------------------------------
# respondents' answers


def _rows_text(rows: npt.NDArray[np.intp]) -> str:
    shown = ", ".join(str(int(r)) for r in rows[:_SHOWN_ROWS])
    more = len(rows) - _SHOWN_ROWS
    return shown + (f" and {more} more" if more > 0 else "")


def _rows_text_vi(rows: npt.NDArray[np.intp]) -> str:
    shown = ", ".join(str(int(r)) for r in rows[:_SHOWN_ROWS])
    more = len(rows) - _SHOWN_ROWS
    return shown + (f" và {more} dòng khác" if more > 0 else "")


def _answer_array(value: object, path: str, n: int, findings: list[Finding]) -> IntArray | None:
    try:
        array = np.asarray(value)
    except (ValueError, TypeError, OverflowError, RecursionError):
        array = np.asarray(None)
    if array.ndim == 1 and array.size == 0:  # no respondents: an empty list reads as floats
        array = np.zeros(0, dtype=np.int64)
    if array.ndim != 1 or array.dtype.kind not in "iu":
        findings.append(
            Finding(
                "survey.answers-type",
                path,
                "câu trả lời phải là một dãy số nguyên (mã mức trả lời, hoặc -1 không áp dụng, "
                "-2 không biết, -3 bỏ trống)",
                "answers must be a one-dimensional array of whole numbers (the level codes, or "
                f"-1 not applicable, -2 don't know, -3 blank), not {array.dtype} of shape "
                f"{array.shape}",
            )
        )
        return None
    if array.shape[0] != n:
        findings.append(
            Finding(
                "survey.length",
                path,
                f"có {array.shape[0]} câu trả lời, trong khi có {n} người trả lời",
                f"holds {array.shape[0]} answers for {n} respondents",
            )
        )
        return None
    if array.dtype.kind == "u" and array.size and int(array.max()) >= 2**62:
        array = np.minimum(array, 2**62)
    return np.asarray(array, dtype=np.int64)


def _weights_of(value: object, n: int, findings: list[Finding]) -> tuple[Fraction, ...] | None:
    if value is None:
        return None
    try:
        items = sequence(value, "weights")
    except CchcError as exc:
        findings.append(Finding("survey.weights-type", "weights", exc.message_vi, str(exc)))
        return None
    if len(items) != n:
        findings.append(
            Finding(
                "survey.length",
                "weights",
                f"có {len(items)} trọng số, trong khi có {n} người trả lời",
                f"holds {len(items)} weights for {n} respondents",
            )
        )
        return None
    out: list[Fraction] = []
    negative: list[int] = []
    bad = 0
    for i, item in enumerate(items):
        if isinstance(item, float | np.floating):
            # a float weight is read as the shortest decimal that gives it back (what was typed)
            item = repr(float(item)) if math.isfinite(item) else item
        elif isinstance(item, np.integer):
            item = int(item)
        try:
            w = fraction(item, f"weights[{i}]")
        except CchcError as exc:
            bad += 1
            if bad <= _SHOWN_ROWS:
                findings.append(Finding("survey.weight", f"weights[{i}]", exc.message_vi, str(exc)))
            continue
        if w < 0:
            negative.append(i)
        out.append(w)
    if negative:
        rows = np.array(negative)
        findings.append(
            Finding(
                "survey.negative-weight",
                "weights",
                f"trọng số âm ở các dòng {_rows_text_vi(rows)}",
                f"negative weights in rows {_rows_text(rows)}",
            )
        )
    common = 1
    for d in {w.denominator for w in out}:
        common = math.lcm(common, d)
        if common > _COMMON_LIMIT:
            findings.append(
                Finding(
                    "survey.weight-denominators",
                    "weights",
                    "các trọng số là phân số có mẫu số quá khác nhau để cộng chính xác; hãy ghi "
                    "trọng số bằng số thập phân",
                    "the weights' fractions need a common denominator above 10^36 to be added "
                    "exactly; give them as decimals",
                )
            )
            return None
    return tuple(out) if not bad and not negative else None


def _check_responses(
    survey: Survey, units: object, answers: object, weights: object
) -> tuple[tuple[str, ...], dict[str, IntArray], tuple[Fraction, ...] | None]:
    findings: list[Finding] = []
    unit_list: tuple[str, ...] = ()
    try:
        raw_units = sequence(units, "units")
    except CchcError as exc:
        raise InvalidDocumentError(
            "survey responses", [Finding("survey.units", "units", exc.message_vi, str(exc))]
        ) from None
    n = len(raw_units)
    if n > MAX_RESPONDENTS:
        raise ValidationError(
            f"more than {MAX_RESPONDENTS:,} respondents",
            vi="số người trả lời vượt giới hạn",
            field="units",
            value=n,
        )
    codes: list[str] = []
    bad_units: list[int] = []
    cache: dict[object, str] = {}
    for i, unit in enumerate(raw_units):
        if isinstance(unit, str) and unit in cache:
            codes.append(cache[unit])
            continue
        if isinstance(unit, str) and unit.strip() and len(unit) <= 200:
            code = text(unit, f"units[{i}]")
            cache[unit] = code
            codes.append(code)
        else:
            bad_units.append(i)
    if bad_units:
        rows = np.array(bad_units)
        findings.append(
            Finding(
                "survey.unit",
                "units",
                "mã đơn vị không hợp lệ (trống hoặc không phải chữ) ở các dòng "
                f"{_rows_text_vi(rows)}",
                f"unit codes that are not text, or empty, in rows {_rows_text(rows)}",
            )
        )
    else:
        unit_list = tuple(codes)
    if not isinstance(answers, Mapping):
        raise InvalidDocumentError(
            "survey responses",
            [
                *findings,
                Finding(
                    "survey.answers-type",
                    "answers",
                    "câu trả lời phải là bảng mã câu hỏi → dãy câu trả lời",
                    f"answers must map question codes to arrays, not {type(answers).__name__}",
                ),
            ],
        )
    by_key = {fold(q.code): q for q in survey.questions}
    out: dict[str, IntArray] = {}
    non_answers = np.array([m.value for m in NonAnswer], dtype=np.int64)
    for key, column in answers.items():
        path = f"answers[{key!r}]"
        question = by_key.get(fold(key)) if isinstance(key, str) and len(key) <= 200 else None
        if question is None:
            findings.append(
                Finding(
                    "survey.unknown-question",
                    path,
                    f"câu hỏi “{key}” không có trong phiếu khảo sát {survey.code}",
                    f"{key!r} is no question of the survey {survey.code}",
                )
            )
            continue
        if question.code in out:
            findings.append(
                Finding(
                    "survey.duplicate-question",
                    path,
                    f"câu hỏi “{question.code}” có hai cột trả lời",
                    f"question {question.code!r} is answered twice",
                )
            )
            continue
        array = _answer_array(column, path, n, findings)
        if array is None:
            continue
        ok = np.isin(array, np.array(question.scale.values, dtype=np.int64)) | np.isin(
            array, non_answers
        )
        bad = np.flatnonzero(~ok)
        if bad.size:
            levels = ", ".join(map(str, question.scale.values))
            findings.append(
                Finding(
                    "survey.off-scale",
                    path,
                    f"câu trả lời ngoài thang đo (các mức {levels}; -1 không áp dụng, -2 không "
                    f"biết, -3 bỏ trống), ví dụ {int(array[bad[0]])}, ở các dòng "
                    f"{_rows_text_vi(bad)}",
                    f"answers outside the scale (levels {levels}; -1 not applicable, -2 don't "
                    f"know, -3 blank), such as {int(array[bad[0]])}, in rows {_rows_text(bad)}",
                )
            )
            continue
        array.flags.writeable = False
        out[question.code] = array
    answered = {fold(k) for k in answers if isinstance(k, str) and len(k) <= 200}
    for question in survey.questions:
        if fold(question.code) not in answered:
            findings.append(
                Finding(
                    "survey.missing-question",
                    f"answers[{question.code!r}]",
                    f"thiếu câu trả lời cho câu hỏi “{question.code}” (câu không hỏi thì ghi -3, "
                    "bỏ trống)",
                    f"no answers for question {question.code!r} (give -3, blank, where it was "
                    "not asked)",
                )
            )
    checked_weights = _weights_of(weights, n, findings)
    if findings:
        raise InvalidDocumentError("survey responses", findings)
    return unit_list, out, checked_weights


def _given(value: object) -> Any:
    """An attrs converter that takes anything: the whole check runs once every field is in."""
    return value


@attrs.frozen(eq=False)
class Responses:
    """Respondents' answers to a survey, in columns (a container, not a value type).

    ``units`` names the unit surveyed for each respondent; ``answers`` maps every question
    code to an integer array, one answer per respondent: the level's code, or a
    :class:`NonAnswer` code (-1 not applicable, -2 don't know, -3 blank). ``weights`` are the
    design weights, one per respondent (ints, Decimals, text or Fractions, read exactly; a
    float is read as the shortest decimal that gives it back), or None for none.

    Every problem is reported at once:

    >>> q = SIPAS.questions
    >>> Responses(SIPAS, ["A", "A"], {q[0].code: [4, 7], "x": [1, 1]}, weights=[1, -2])
    Traceback (most recent call last):
    ...
    cchc.errors.InvalidDocumentError: survey responses: 7 problems
      error survey.off-scale at answers['access.hl']: answers outside the scale (levels 1, 2, \
3, 4, 5; -1 not applicable, -2 don't know, -3 blank), such as 7, in rows 1 (...)
      error survey.unknown-question at answers['x']: 'x' is no question of the survey SIPAS (...)
      ...
      error survey.negative-weight at weights: negative weights in rows 1 (...)
    """

    survey: Survey = attrs.field(validator=instance_of(Survey))
    units: tuple[str, ...] = attrs.field(converter=_given)
    answers: Mapping[str, IntArray] = attrs.field(converter=_given)
    weights: tuple[Fraction, ...] | None = attrs.field(default=None, converter=_given)

    def __attrs_post_init__(self) -> None:
        units, answers, weights = _check_responses(
            self.survey, self.units, self.answers, self.weights
        )
        object.__setattr__(self, "units", units)
        object.__setattr__(self, "answers", answers)
        object.__setattr__(self, "weights", weights)

    def __len__(self) -> int:
        return len(self.units)

    def matrix(self) -> IntArray:
        """The answers as one array, a row per respondent and a column per question (in the
        survey's order)."""
        if not self.units:
            return np.zeros((0, len(self.survey.questions)), dtype=np.int64)
        return np.stack([self.answers[q.code] for q in self.survey.questions], axis=1)


# ---------------------------------------------------------------------------------------------
# estimates


class EstimateLevel(CodedEnum):
    """What an estimate is of: one question, one element, or the whole survey."""

    QUESTION = "question"
    ELEMENT = "element"
    OVERALL = "overall"


def _real(value: object, field: str, *, minimum: float | None = None) -> float:
    """``value``, a real number (an int, a float, a Fraction, a Decimal or a NumPy number; not
    a bool, not text), as a finite float at least ``minimum``; anything else is a
    :class:`~cchc.errors.CchcError` naming ``field``."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real | Decimal):
        raise wrong_type((float, int, Fraction), value, field)
    try:
        number = float(value)
    except (OverflowError, ValueError):
        number = math.nan if isinstance(value, Decimal) and value.is_nan() else math.inf
    if not math.isfinite(number):
        raise ValidationError(
            "must be a finite number (not NaN, infinity or beyond a float's range)",
            vi="phải là một số hữu hạn (không phải NaN, vô cùng hay vượt phạm vi số thực)",
            field=field,
            value=value,
        )
    if minimum is not None and number < minimum:
        raise ValidationError(
            f"must be at least {minimum:g}",
            vi=f"không được nhỏ hơn {minimum:g}",
            field=field,
            value=value,
        )
    return number


def _opt_interval(value: object, field: str) -> tuple[float, float] | None:
    """None, or two finite real numbers (the interval's ends) as floats."""
    if value is None:
        return None
    ends = sequence(value, field)
    if len(ends) != 2:
        raise ValidationError(
            f"must be two numbers, the interval's ends (got {len(ends)})",
            vi=f"phải gồm hai số, hai đầu của khoảng (nhận được {len(ends)})",
            field=field,
            value=value,
        )
    return (_real(ends[0], f"{field}[0]"), _real(ends[1], f"{field}[1]"))


def _wilson(value: object) -> tuple[float, float] | None:
    return _opt_interval(value, "wilson")


def _bootstrap_interval(value: object) -> tuple[float, float] | None:
    return _opt_interval(value, "bootstrap")


def _mean_interval(value: object) -> tuple[float, float] | None:
    return _opt_interval(value, "mean_interval")


def _is_real(*, optional: bool = False) -> Any:
    """An attrs validator: a finite real number from 0 (or None when ``optional``)."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not (value is None and optional):
            _real(value, attribute.name, minimum=0)

    return check


def _is_level(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    level = of_type(value, Fraction, attribute.name)
    if not 0 < level < 1:
        raise ValidationError(
            "must be above 0 and below 1",
            vi="phải lớn hơn 0 và nhỏ hơn 1",
            field=attribute.name,
            value=value,
        )


def _is_share(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    share = of_type(value, Fraction, attribute.name)
    if not 0 <= share <= 1:
        raise ValidationError(
            "must be a share from 0 to 1",
            vi="phải là tỷ lệ từ 0 đến 1",
            field=attribute.name,
            value=value,
        )


def _is_count(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    whole(of_type(value, int, attribute.name), attribute.name)


def _is_seed(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    whole(of_type(value, int, attribute.name), attribute.name, maximum=2**63 - 1)


def _codes(value: object, field: str) -> tuple[str, ...]:
    codes = sequence(value, field)
    for i, code in enumerate(codes):
        text(code, f"{field}[{i}]")
    return cast(tuple[str, ...], codes)


def _unit_codes(value: object) -> tuple[str, ...]:
    return _codes(value, "units")


def _item_codes(value: object) -> tuple[str, ...]:
    return _codes(value, "items")


def _criterion_codes(value: object) -> tuple[str, ...]:
    return _codes(value, "criteria")


def _estimate_items(value: object) -> tuple[SurveyEstimate, ...]:
    return items_of(value, SurveyEstimate, "estimates")


def _nominal_shares(value: object) -> tuple[tuple[Fraction | None, ...], ...]:
    rows = []
    for c, row in enumerate(sequence(value, "nominal")):
        shares = []
        for j, share in enumerate(sequence(row, f"nominal[{c}]")):
            field = f"nominal[{c}][{j}]"
            if share is not None and not 0 <= of_type(share, Fraction, field) <= 1:
                raise ValidationError(
                    "must be a share from 0 to 1",
                    vi="phải là tỷ lệ từ 0 đến 1",
                    field=field,
                    value=share,
                )
            shares.append(share)
        rows.append(tuple(shares))
    return tuple(rows)


def _is_method(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    one_of(value, attribute.name, _METHODS)


def _check_array(value: object, field: str, shape: tuple[int | None, ...]) -> None:
    """``value`` is a float array of ``shape`` (None: any length) holding shares (NaN where
    there is none); anything else is a :class:`~cchc.errors.CchcError` naming ``field``."""
    if not isinstance(value, np.ndarray) or value.dtype.kind != "f":
        kind = value.dtype if isinstance(value, np.ndarray) else type(value).__name__
        raise CchcTypeError(
            f"must be a NumPy array of floats, not {kind}",
            vi="phải là mảng NumPy số thực",
            field=field,
            value=kind,
        )
    expected = " × ".join("n" if n is None else str(n) for n in shape)
    if value.ndim != len(shape) or any(
        n is not None and n != got for n, got in zip(shape, value.shape, strict=True)
    ):
        raise ValidationError(
            f"must have the shape {expected}, not {' × '.join(map(str, value.shape))}",
            vi=f"phải có kích thước {expected}",
            field=field,
            value=value.shape,
        )
    finite = value[~np.isnan(value)]
    if finite.size and not (
        np.isfinite(finite).all() and finite.min() >= -1e-9 and finite.max() <= 1 + 1e-9
    ):
        raise ValidationError(
            "must hold shares from 0 to 1 (NaN where there is none)",
            vi="phải là các tỷ lệ từ 0 đến 1 (NaN nếu không có)",
            field=field,
            value=value.shape,
        )


@attrs.frozen
class SurveyEstimate:
    """One unit's estimate for one question, element or the whole survey.

    ``share`` (satisfied among valid answers) and ``mean`` (the mean level) are exact, design
    weights included; None where there is no valid answer (or every valid answer weighs 0).
    ``n_valid`` counts respondents with a valid answer (for an element or the survey: with at
    least one); ``n_not_applicable``, ``n_dont_know`` and ``n_blank`` count answers. The rest
    are floats, statistical approximations: ``effective_n`` (Kish: (Σw)² / Σw² over the
    respondents with a valid answer; ``n_valid`` unweighted), ``se`` (the share's linearised
    standard error, respondents independent within the unit), ``wilson`` (Wilson's interval on
    ``effective_n``; for an element or the survey it treats the share as one proportion) and
    ``bootstrap`` (the percentile interval of the resampled shares), and for the mean score
    ``mean_se`` (linearised, as ``se``) and ``mean_interval`` (mean ± z × mean_se, the normal
    interval), at ``confidence``.
    """

    unit: str = attrs.field(converter=to_nfc, validator=is_name)
    item: str = attrs.field(converter=to_nfc, validator=is_name)
    level: EstimateLevel = attrs.field(validator=instance_of(EstimateLevel))
    share: Fraction | None = attrs.field(validator=_is_share)
    mean: Fraction | None = attrs.field(validator=instance_of(Fraction, optional=True))
    n_valid: int = attrs.field(validator=_is_count)
    n_not_applicable: int = attrs.field(validator=_is_count)
    n_dont_know: int = attrs.field(validator=_is_count)
    n_blank: int = attrs.field(validator=_is_count)
    effective_n: float = attrs.field(validator=_is_real())
    se: float | None = attrs.field(validator=_is_real(optional=True))
    wilson: tuple[float, float] | None = attrs.field(converter=_wilson)
    bootstrap: tuple[float, float] | None = attrs.field(converter=_bootstrap_interval)
    mean_se: float | None = attrs.field(default=None, validator=_is_real(optional=True))
    mean_interval: tuple[float, float] | None = attrs.field(default=None, converter=_mean_interval)
    confidence: Fraction = attrs.field(default=Fraction(95, 100), validator=_is_level)

    @property
    def percent(self) -> Fraction | None:
        """The share in per cent, exact."""
        return None if self.share is None else self.share * 100


@attrs.frozen(eq=False)
class SurveyEstimates:
    """Every unit's estimates (a container, not a value type): for each unit (in code order)
    every item of :meth:`Survey.items`. ``replicates`` holds the bootstrap shares, one row per
    item, one column per replicate and a plane per unit (shape ``(items, replicates, units)``;
    NaN where a resample has no valid answer), for :func:`draw_survey_values`.
    """

    survey: Survey = attrs.field(validator=instance_of(Survey))
    units: tuple[str, ...] = attrs.field(converter=_unit_codes)
    estimates: tuple[SurveyEstimate, ...] = attrs.field(converter=_estimate_items)
    replicates: FloatArray = attrs.field(repr=False)
    confidence: Fraction = attrs.field(validator=_is_level)
    seed: int = attrs.field(validator=_is_seed)

    def __attrs_post_init__(self) -> None:
        n_items, n_units = len(self.survey.items()), len(self.units)
        if len(self.estimates) != n_items * n_units:
            raise ValidationError(
                f"must hold one estimate per unit and item ({n_units} × {n_items})",
                vi=f"phải có một ước lượng cho mỗi đơn vị và mỗi mục ({n_units} × {n_items})",
                field="estimates",
                value=len(self.estimates),
            )
        _check_array(self.replicates, "replicates", (n_items, None, n_units))

    def of(self, unit: str, item: str) -> SurveyEstimate:
        """The estimate of one unit for one item (compared after :func:`~cchc.text.fold`)."""
        u = self._unit(unit)
        items = self.survey.items()
        key = fold(text(item, "item"))
        for k, code in enumerate(items):
            if fold(code) == key:
                return self.estimates[u * len(items) + k]
        raise NotFoundError(
            "is no question, element or survey code",
            vi="không phải là mã câu hỏi, yếu tố hay phiếu khảo sát",
            field="item",
            value=item,
        )

    def _unit(self, unit: str) -> int:
        key = fold(text(unit, "unit"))
        for j, code in enumerate(self.units):
            if fold(code) == key:
                return j
        raise NotFoundError(
            "was not surveyed", vi="đơn vị này không được khảo sát", field="unit", value=unit
        )

    def rows(self) -> list[dict[str, object]]:
        """One row per unit and item, ready for a DataFrame."""
        return [
            {
                "unit": e.unit,
                "item": e.item,
                "level": e.level.value,
                "share": e.share,
                "mean": e.mean,
                "n_valid": e.n_valid,
                "n_not_applicable": e.n_not_applicable,
                "n_dont_know": e.n_dont_know,
                "n_blank": e.n_blank,
                "effective_n": e.effective_n,
                "se": e.se,
                "wilson_low": None if e.wilson is None else e.wilson[0],
                "wilson_high": None if e.wilson is None else e.wilson[1],
                "bootstrap_low": None if e.bootstrap is None else e.bootstrap[0],
                "bootstrap_high": None if e.bootstrap is None else e.bootstrap[1],
                "mean_se": e.mean_se,
                "mean_low": None if e.mean_interval is None else e.mean_interval[0],
                "mean_high": None if e.mean_interval is None else e.mean_interval[1],
            }
            for e in self.estimates
        ]


def _confidence(value: object) -> Fraction:
    level = fraction(value, "confidence")
    if not 0 < level < 1:
        raise ValidationError(
            "must be between 0 and 1, such as 0.95",
            vi="phải lớn hơn 0 và nhỏ hơn 1, ví dụ 0,95",
            field="confidence",
            value=value,
        )
    return level


def wilson_interval(
    share: Fraction | float, n: float, confidence: object = "0.95"
) -> tuple[float, float]:
    """Wilson's score interval for a proportion ``share`` of ``n`` (a float: the interval is a
    normal approximation). ``n`` may be an effective sample size; a share of exactly 1 (0) has
    the upper (lower) bound exactly 1 (0).

    >>> [round(x, 4) for x in wilson_interval(Fraction(3, 5), 5)]
    [0.2307, 0.8824]
    >>> wilson_interval(1, 10)[1]
    1.0
    >>> wilson_interval(Fraction(1, 2), 0)
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: n = 0: must be above 0
    """
    p = _real(share, "share")
    if not 0 <= p <= 1:
        raise ValidationError(
            "must be a share from 0 to 1", vi="phải là tỷ lệ từ 0 đến 1", field="share", value=share
        )
    if not _real(n, "n") > 0:
        raise ValidationError("must be above 0", vi="phải lớn hơn 0", field="n", value=n)
    n = float(n)
    level = _confidence(confidence)
    z = NormalDist().inv_cdf(1 - float(1 - level) / 2)
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    low = 0.0 if share == 0 else max(0.0, centre - half)
    high = 1.0 if share == 1 else min(1.0, centre + half)
    return (low, high)


def _exact_weights(weights: tuple[Fraction, ...] | None, rows: IntArray) -> npt.NDArray[Any]:
    """The weights of ``rows`` as whole numbers on a common denominator (int64 where safe,
    Python ints otherwise), so that sums are exact; all 1 when unweighted."""
    if weights is None:
        return np.ones(len(rows), dtype=np.int64)
    chosen = [weights[int(r)] for r in rows]
    common = math.lcm(*(w.denominator for w in chosen)) if chosen else 1
    ints = [w.numerator * (common // w.denominator) for w in chosen]
    if ints and max(ints) * max(len(ints), 1) * MAX_LEVELS >= 2**62:
        return np.array(ints, dtype=object)
    return np.array(ints, dtype=np.int64)


def _mean_of(values: Sequence[Fraction | None], weights: Sequence[Fraction]) -> Fraction | None:
    """The weighted mean of the values that are given, weights re-scaled over them."""
    pairs = [(v, w) for v, w in zip(values, weights, strict=True) if v is not None]
    total = sum((w for _, w in pairs), Fraction(0))
    if not pairs or total == 0:
        return None
    return sum((v * w for v, w in pairs), Fraction(0)) / total


def _se_columns(z: FloatArray) -> list[float | None]:
    """The linearised standard error from each column of influences ``z`` (respondents ×
    items): sqrt(n / (n − 1) × Σ (z − z̄)²); None for fewer than two respondents."""
    n = z.shape[0]
    if n < 2:
        return [None] * z.shape[1]
    centred = z - z.mean(axis=0)
    return [math.sqrt(x) for x in (n / (n - 1) * (centred * centred).sum(axis=0)).tolist()]


def _intervals(values: FloatArray, confidence: Fraction) -> list[tuple[float, float] | None]:
    """:func:`_interval` of every column (replicates × items) at once."""
    if values.shape[0] == 0:
        return [None] * values.shape[1]
    tail = float(1 - confidence) / 2
    complete = ~np.isnan(values).any(axis=0)
    out: list[tuple[float, float] | None] = [None] * values.shape[1]
    if complete.any():
        low, high = np.quantile(values[:, complete], [tail, 1 - tail], axis=0)
        for k, lo, hi in zip(
            np.flatnonzero(complete).tolist(), low.tolist(), high.tolist(), strict=True
        ):
            out[k] = (lo, hi)
    for k in np.flatnonzero(~complete).tolist():
        out[k] = _interval(values[:, k], confidence)
    return out


def _combine(
    columns: FloatArray, available: npt.NDArray[np.bool_], weights: Sequence[int]
) -> tuple[FloatArray, npt.NDArray[np.bool_]]:
    """Rows of the weighted mean of ``columns`` over the available ones (integer weights, so
    that equal columns give back exactly their value)."""
    w = np.asarray(weights, dtype=np.float64)
    total = (available * w).sum(axis=-1)
    sums = np.where(available, columns, 0.0) @ w
    out = np.full(total.shape, np.nan)
    np.divide(sums, total, out=out, where=total > 0)
    return out, total > 0


class _Structure:
    """The survey's items as column indices: questions, then elements, then the survey."""

    def __init__(self, survey: Survey):
        self.survey = survey
        self.questions = survey.questions
        self.q_of: list[list[int]] = []
        k = 0
        for element in survey.elements:
            self.q_of.append(list(range(k, k + len(element.questions))))
            k += len(element.questions)
        weights = survey.weights()
        common = math.lcm(*(w.denominator for w in weights))
        self.e_weights = [int(w * common) for w in weights]
        self.satisfied = [
            np.array(sorted(q.scale.satisfied), dtype=np.int64) for q in self.questions
        ]

    def shares(self, num: FloatArray, den: FloatArray) -> FloatArray:
        """Float shares of every item from satisfied and valid weight sums of the questions
        (last axis: questions); NaN where there is none."""
        q_share = np.full(num.shape, np.nan)
        np.divide(num, den, out=q_share, where=den > 0)
        q_ok = den > 0
        e_cols = []
        e_oks = []
        for cols in self.q_of:
            col, ok = _combine(q_share[..., cols], q_ok[..., cols], [1] * len(cols))
            e_cols.append(col)
            e_oks.append(ok)
        e_share = np.stack(e_cols, axis=-1)
        overall, _ = _combine(e_share, np.stack(e_oks, axis=-1), self.e_weights)
        return np.concatenate([q_share, e_share, overall[..., None]], axis=-1)


def _influences(
    structure: _Structure,
    q_values: Sequence[Fraction | None],
    measured: npt.NDArray[Any],
    valid: npt.NDArray[np.bool_],
    w: FloatArray,
    den: FloatArray,
    e_values: Sequence[Fraction | None],
) -> FloatArray:
    """Each respondent's linearised influence (respondents × items) on the ratio estimates
    Σ w·y / Σ w·v of the questions, and through them on the elements (means of their
    questions) and the survey (weighted mean of the elements)."""
    n, nq = valid.shape
    z_q = np.zeros((n, nq))
    for k in range(nq):
        value = q_values[k]
        if value is not None and den[k] > 0:
            z_q[:, k] = w * valid[:, k] * (measured[:, k] - float(value)) / den[k]
    z_e = []
    for cols in structure.q_of:
        ok = [k for k in cols if q_values[k] is not None]
        z_e.append(z_q[:, ok].mean(axis=1) if ok else np.zeros(n))
    e_ok = np.array([v is not None for v in e_values])
    ew = np.array(structure.e_weights, dtype=np.float64)
    z_all = (
        np.stack(z_e, axis=1)[:, e_ok] @ (ew[e_ok] / ew[e_ok].sum())
        if e_ok.any() and ew[e_ok].sum() > 0
        else np.zeros(n)
    )
    return np.column_stack([z_q, *z_e, z_all])


def _normal_interval(
    value: Fraction | None, se: float | None, confidence: Fraction
) -> tuple[float, float] | None:
    if value is None or se is None:
        return None
    z = NormalDist().inv_cdf(1 - float(1 - confidence) / 2)
    return (float(value) - z * se, float(value) + z * se)


def _canonical_order(matrix: IntArray, weights: FloatArray) -> npt.NDArray[np.intp]:
    """An order of respondents that depends only on what they answered and weigh: a bootstrap
    over it gives the same result however the respondents were listed."""
    keys = [weights, *(matrix[:, k] for k in range(matrix.shape[1] - 1, -1, -1))]
    return np.lexsort(keys) if len(weights) else np.zeros(0, dtype=np.intp)


def _unit_rng(seed: int, unit: str) -> np.random.Generator:
    return np.random.default_rng([seed, zlib.crc32(fold(unit).encode("utf-8"))])


def _bootstrap(
    structure: _Structure,
    satisfied: FloatArray,
    valid: FloatArray,
    weights: FloatArray,
    replicates: int,
    rng: np.random.Generator,
) -> FloatArray:
    """Bootstrap shares of every item (replicates × items): respondents resampled with
    replacement within the unit, as multinomial counts, a chunk of replicates at a time."""
    n = len(weights)
    items = len(structure.survey.items())
    out = np.full((replicates, items), np.nan)
    if n == 0 or replicates == 0:
        return out
    chunk = max(1, _CHUNK_CELLS // n)
    p = np.full(n, 1.0 / n)
    for lo in range(0, replicates, chunk):
        hi = min(replicates, lo + chunk)
        counts = rng.multinomial(n, p, size=hi - lo).astype(np.float64)
        bw = counts * weights
        out[lo:hi] = structure.shares(bw @ satisfied, bw @ valid)
    return out


def _interval(values: FloatArray, confidence: Fraction) -> tuple[float, float] | None:
    values = values[~np.isnan(values)]
    if not values.size:
        return None
    tail = float(1 - confidence) / 2
    low, high = np.quantile(values, [tail, 1 - tail])
    return (float(low), float(high))


def _unit_estimates(
    structure: _Structure,
    responses: Responses,
    unit: str,
    rows: IntArray,
    matrix: IntArray,
    confidence: Fraction,
    replicates: int,
    seed: int,
) -> tuple[list[SurveyEstimate], FloatArray]:
    survey = structure.survey
    # respondents in an order that depends only on what they answered and weigh, so that
    # every float sum (and the bootstrap) is the same however they were listed
    order = _canonical_order(matrix[rows], _exact_weights(responses.weights, rows).astype(float))
    rows = rows[order]
    answers = matrix[rows]
    w_exact = _exact_weights(responses.weights, rows)
    w = w_exact.astype(np.float64)
    valid = answers >= 0
    satisfied = np.zeros(answers.shape, dtype=bool)
    for k, levels in enumerate(structure.satisfied):
        satisfied[:, k] = np.isin(answers[:, k], levels)
    values = np.where(valid, answers, 0)
    # exact sums per question (Python ints where int64 could overflow)
    if w_exact.dtype == object:
        den_x = [sum(int(a) for a in w_exact[valid[:, k]]) for k in range(answers.shape[1])]
        num_x = [sum(int(a) for a in w_exact[satisfied[:, k]]) for k in range(answers.shape[1])]
        sum_x = [
            sum(int(a) * int(b) for a, b in zip(w_exact, values[:, k], strict=True))
            for k in range(answers.shape[1])
        ]
    else:
        den_x = (w_exact @ valid.astype(np.int64)).tolist()
        num_x = (w_exact @ satisfied.astype(np.int64)).tolist()
        sum_x = (w_exact @ values).tolist()
    q_share = [Fraction(a, d) if d else None for a, d in zip(num_x, den_x, strict=True)]
    q_mean = [Fraction(s, d) if d else None for s, d in zip(sum_x, den_x, strict=True)]
    e_share = [
        _mean_of([q_share[k] for k in cols], [Fraction(1)] * len(cols)) for cols in structure.q_of
    ]
    e_mean: list[Fraction | None] = []
    for element, cols in zip(survey.elements, structure.q_of, strict=True):
        same = element.scale is not None
        e_mean.append(
            _mean_of([q_mean[k] for k in cols], [Fraction(1)] * len(cols)) if same else None
        )
    weights = survey.weights()
    overall_share = _mean_of(e_share, weights)
    scales = {q.scale for q in structure.questions}
    overall_mean = _mean_of(e_mean, weights) if len(scales) == 1 else None
    # linearised influence of each respondent on each share and mean (floats)
    den_f = np.asarray(den_x, dtype=np.float64)
    share_z = _influences(structure, q_share, satisfied, valid, w, den_f, e_share)
    mean_z = _influences(structure, q_mean, values, valid, w, den_f, e_mean)
    # bootstrap
    boot = _bootstrap(
        structure,
        satisfied.astype(np.float64),
        valid.astype(np.float64),
        w,
        replicates,
        _unit_rng(seed, unit),
    )
    items = survey.items()
    nq = len(structure.questions)
    # every per-item figure at once: columns are questions, then elements, then the survey
    answered = np.column_stack(
        [valid, *(valid[:, cols].any(axis=1) for cols in structure.q_of), valid.any(axis=1)]
    )
    na, dk, blank = (
        (answers == code.value).sum(axis=0)
        for code in (NonAnswer.NOT_APPLICABLE, NonAnswer.DONT_KNOW, NonAnswer.BLANK)
    )
    cols_of: list[Sequence[int]] = [[k] for k in range(nq)] + [*structure.q_of, range(nq)]
    counted = answered.sum(axis=0)
    w_sum = w @ answered
    w_squares = (w * w) @ answered
    n_eff = np.divide(w_sum * w_sum, w_squares, out=np.zeros(len(items)), where=w_squares > 0)
    share_se = _se_columns(share_z)
    mean_se = _se_columns(mean_z)
    boot_intervals = _intervals(boot, confidence)
    shares = [*q_share, *e_share, overall_share]
    means = [*q_mean, *e_mean, overall_mean]
    kinds = [EstimateLevel.QUESTION] * nq + [EstimateLevel.ELEMENT] * len(structure.q_of)
    kinds.append(EstimateLevel.OVERALL)
    out: list[SurveyEstimate] = []
    for k, item in enumerate(items):
        share, mean, parts = shares[k], means[k], cols_of[k]
        effective = float(n_eff[k])
        m_se = mean_se[k] if mean is not None else None
        out.append(
            SurveyEstimate(
                unit,
                item,
                kinds[k],
                share,
                mean,
                int(counted[k]),
                int(sum(na[c] for c in parts)),
                int(sum(dk[c] for c in parts)),
                int(sum(blank[c] for c in parts)),
                effective,
                share_se[k] if share is not None else None,
                wilson_interval(share, effective, confidence)
                if share is not None and effective > 0
                else None,
                boot_intervals[k] if share is not None else None,
                m_se,
                _normal_interval(mean, m_se, confidence),
                confidence,
            )
        )
    return out, boot


def estimate(
    responses: Responses,
    *,
    confidence: object = "0.95",
    replicates: int = 1000,
    seed: int = 0,
) -> SurveyEstimates:
    """Estimate every unit's shares, means, counts and intervals (see :class:`SurveyEstimate`).

    The bootstrap resamples each unit's respondents ``replicates`` times with replacement
    (NumPy ``Generator`` seeded by ``seed`` and the unit's code, so that a unit's interval does
    not depend on the other units or on the order respondents are listed in); 0 replicates
    skips it. Shares, means and counts are exact; intervals are floats.

    >>> import numpy as np
    >>> answers = {q.code: np.array([5, 5, 4, 4]) for q in SIPAS.questions}
    >>> e = estimate(Responses(SIPAS, ["A"] * 4, answers), replicates=50).of("A", "SIPAS")
    >>> e.share, e.wilson[1], e.bootstrap
    (Fraction(1, 1), 1.0, (1.0, 1.0))
    """
    of_type(responses, Responses, "responses")
    level = _confidence(confidence)
    replicates = whole(replicates, "replicates", maximum=MAX_DRAWS)
    seed = whole(seed, "seed", maximum=2**63 - 1)
    structure = _Structure(responses.survey)
    matrix = responses.matrix()
    groups: dict[str, list[int]] = {}
    spelling: dict[str, list[str]] = {}
    for i, unit in enumerate(responses.units):
        key = fold(unit)
        groups.setdefault(key, []).append(i)
        spelling.setdefault(key, []).append(unit)
    keys = sorted(groups)
    units = tuple(min(spelling[k]) for k in keys)
    estimates: list[SurveyEstimate] = []
    planes = []
    for key, unit in zip(keys, units, strict=True):
        rows = np.array(groups[key], dtype=np.int64)
        found, boot = _unit_estimates(
            structure, responses, unit, rows, matrix, level, replicates, seed
        )
        estimates.extend(found)
        planes.append(boot.T)
    items = len(responses.survey.items())
    replicas = np.stack(planes, axis=-1) if planes else np.zeros((items, replicates, 0))
    replicas.flags.writeable = False
    return SurveyEstimates(responses.survey, units, tuple(estimates), replicas, level, seed)


# ---------------------------------------------------------------------------------------------
# into scoring


def _survey_criterion(
    framework: Framework, code: str, path: str, findings: list[Finding]
) -> Criterion | None:
    """The survey-scored leaf ``code`` of ``framework``; otherwise None, with the finding why."""
    try:
        node = framework.find(code)
    except CchcError:
        findings.append(
            Finding(
                "survey.unknown-criterion",
                path,
                f"không có tiêu chí “{code}” trong bộ tiêu chí {framework.id}",
                f"{code!r} is no criterion of the framework {framework.id}",
            )
        )
        return None
    if not node.is_leaf or node.effective_rule.kind is not RuleKind.SURVEY:
        findings.append(
            Finding(
                "survey.not-survey-criterion",
                path,
                f"tiêu chí “{node.code}” không chấm theo kết quả khảo sát",
                f"criterion {node.code!r} is not scored by a survey rule",
            )
        )
        return None
    return node


def _criteria_map(
    estimates: SurveyEstimates, framework: Framework, criteria: object
) -> list[tuple[int, str, Decimal]]:
    """(item index, criterion code, the rule's scale top) for each pair of ``criteria``, every
    problem at once."""
    if not isinstance(criteria, Mapping) or not criteria:
        raise CchcTypeError(
            "must map survey items (question, element or survey codes) to criterion codes",
            vi="phải là bảng ánh xạ mã yếu tố (câu hỏi, yếu tố, phiếu) → mã tiêu chí",
            field="criteria",
            value=criteria,
        )
    items = {fold(code): k for k, code in enumerate(estimates.survey.items())}
    out = []
    findings = []
    used: set[str] = set()
    for item, code in criteria.items():
        path = f"criteria[{item!r}]"
        k = items.get(fold(item)) if isinstance(item, str) else None
        if k is None:
            findings.append(
                Finding(
                    "survey.unknown-item",
                    path,
                    f"“{item}” không phải là câu hỏi, yếu tố hay mã phiếu khảo sát "
                    f"{estimates.survey.code}",
                    f"{item!r} is no question, element or survey code of {estimates.survey.code}",
                )
            )
            continue
        node = _survey_criterion(framework, text(code, path), path, findings)
        if node is None:
            continue
        if fold(node.code) in used:
            findings.append(
                Finding(
                    "survey.criterion-twice",
                    path,
                    f"tiêu chí “{node.code}” được gán hai lần",
                    f"criterion {node.code!r} is given two survey items",
                )
            )
            continue
        used.add(fold(node.code))
        out.append((k, node.code, node.effective_rule.scale_max))
    if findings:
        raise InvalidDocumentError("survey criteria", findings)
    return out


def _nominal_steps(share: Fraction, scale_max: Decimal, framework: Framework) -> int:
    """The survey index share × scale top, rounded to the framework's precision by its rule."""
    value = share * Fraction(scale_max) * framework.scale
    return int(round_ratio(value.numerator, value.denominator, framework.rounding))


def survey_results(
    estimates: SurveyEstimates, framework: Framework, criteria: Mapping[str, str]
) -> tuple[SurveyResult, ...]:
    """The :class:`~cchc.scoring.SurveyResult` of every unit surveyed: for each pair ``item ->
    criterion code`` of ``criteria``, the item's share times the criterion's scale top (100:
    per cent), rounded to the framework's precision by its rounding rule, as a published
    survey index is. Units without a valid answer to an item leave that criterion out.

    >>> import numpy as np
    >>> from cchc.criteria import load_bundled
    >>> answers = {q.code: np.array([5, 4, 4, 2, 3, 1]) for q in SIPAS.questions}
    >>> est = estimate(Responses(SIPAS, ["XA-01"] * 6, answers), replicates=0)
    >>> survey_results(est, load_bundled("cchc-campaign-6"), {"SIPAS": "6.2"})[0].entries[0].value
    '50.00'
    """
    of_type(estimates, SurveyEstimates, "estimates")
    of_type(framework, Framework, "framework")
    pairs = _criteria_map(estimates, framework, criteria)
    n_items = len(estimates.survey.items())
    out = []
    for j, unit in enumerate(estimates.units):
        values: dict[str, object] = {}
        for k, code, scale_max in pairs:
            share = estimates.estimates[j * n_items + k].share
            if share is not None:
                steps = _nominal_steps(share, scale_max, framework)
                values[code] = Decimal(steps) * framework.precision
        out.append(SurveyResult.of(unit, values))
    return tuple(out)


def _columns_for(
    table_units: Sequence[str],
    draw_units: Sequence[str],
    steps: Mapping[str, npt.NDArray[np.int64]],
    given: Mapping[str, npt.NDArray[np.bool_]],
) -> tuple[dict[str, IntArray], dict[str, npt.NDArray[np.bool_]]]:
    """Columns and present-masks in the table's unit order from columns in ``draw_units`` order."""
    where = {fold(u): j for j, u in enumerate(draw_units)}
    missing = [u for u in draw_units if fold(u) not in {fold(t) for t in table_units}]
    if missing:
        raise NotFoundError(
            "surveyed units are not in the score table",
            vi="có đơn vị được khảo sát nhưng không có trong bảng điểm: " + ", ".join(missing[:5]),
            field="units",
            value=missing[0],
        )
    index = np.array([where.get(fold(u), -1) for u in table_units], dtype=np.int64)
    known = index >= 0
    safe = np.where(known, index, 0)
    columns = {c: np.where(known, s[..., safe], 0) for c, s in steps.items()}
    present = {c: known & g[..., safe] for c, g in given.items()}
    return columns, present


def survey_table(
    estimates: SurveyEstimates,
    framework: Framework,
    criteria: Mapping[str, str],
    units: Sequence[str] | None = None,
) -> ScoreTable:
    """The survey stage as a :class:`~cchc.scoring.ScoreTable` (``Source.SURVEY``), the values
    as :func:`survey_results` gives them: ready for
    :class:`~cchc.campaigns.CampaignInputs` (``survey=``) or :meth:`ScoreTable.overlay`.
    ``units`` (default: the units surveyed) are the table's columns; a unit with no survey
    has no survey cell.

    >>> import numpy as np
    >>> from cchc.criteria import load_bundled
    >>> answers = {q.code: np.array([5, 4, 1]) for q in SIPAS.questions}
    >>> est = estimate(Responses(SIPAS, ["A", "A", "B"], answers), replicates=0)
    >>> t = survey_table(est, load_bundled("cchc-campaign-6"), {"SIPAS": "6.2"}, ["A", "B", "C"])
    >>> [r["points"] for r in score_table(t).rows()]
    [Decimal('10.00'), Decimal('0.00'), Decimal('0.00')]
    """
    of_type(estimates, SurveyEstimates, "estimates")
    of_type(framework, Framework, "framework")
    pairs = _criteria_map(estimates, framework, criteria)
    table_units = estimates.units if units is None else tuple(sequence(units, "units"))
    n_items = len(estimates.survey.items())
    steps: dict[str, npt.NDArray[np.int64]] = {}
    given: dict[str, npt.NDArray[np.bool_]] = {}
    for k, code, scale_max in pairs:
        shares = [estimates.estimates[j * n_items + k].share for j in range(len(estimates.units))]
        steps[code] = np.array(
            [0 if s is None else _nominal_steps(s, scale_max, framework) for s in shares],
            dtype=np.int64,
        )
        given[code] = np.array([s is not None for s in shares], dtype=bool)
    columns, present = _columns_for(table_units, estimates.units, steps, given)
    return ScoreTable.from_arrays(
        framework, table_units, columns, present=present, stage=Source.SURVEY
    )


# ---------------------------------------------------------------------------------------------
# draws: plausible survey values


_METHODS = {
    "bootstrap": "lấy mẫu lặp (bootstrap)",
    "normal": "xấp xỉ chuẩn",
    "beta": "xấp xỉ beta",
}


@attrs.frozen(eq=False)
class SurveyDraws:
    """Plausible survey values of every unit (a container, not a value type): for each pair
    item -> criterion, the exact point estimate (``nominal``: a share, or None where the unit
    has no valid answer) and ``draws`` drawn shares in ``values`` (floats, shape
    ``(draws, criteria, units)``), by ``method`` from ``seed``."""

    units: tuple[str, ...] = attrs.field(converter=_unit_codes)
    items: tuple[str, ...] = attrs.field(converter=_item_codes)
    criteria: tuple[str, ...] = attrs.field(converter=_criterion_codes)
    nominal: tuple[tuple[Fraction | None, ...], ...] = attrs.field(converter=_nominal_shares)
    values: FloatArray = attrs.field(repr=False)
    method: str = attrs.field(validator=_is_method)
    seed: int = attrs.field(validator=_is_seed)

    def __attrs_post_init__(self) -> None:
        n_c, n_u = len(self.criteria), len(self.units)
        if len(self.items) != n_c:
            raise ValidationError(
                f"must name one item per criterion ({n_c})",
                vi=f"phải có một mục cho mỗi tiêu chí ({n_c})",
                field="items",
                value=self.items,
            )
        if len(self.nominal) != n_c or any(len(row) != n_u for row in self.nominal):
            raise ValidationError(
                f"must hold one share per criterion and unit ({n_c} × {n_u})",
                vi=f"phải có một tỷ lệ cho mỗi tiêu chí và mỗi đơn vị ({n_c} × {n_u})",
                field="nominal",
                value=self.nominal,
            )
        _check_array(self.values, "values", (None, n_c, n_u))
        if self.values.shape[0] < 1:
            raise ValidationError(
                "must hold at least one draw",
                vi="phải có ít nhất một lần mô phỏng",
                field="values",
                value=self.values.shape,
            )

    @property
    def draws(self) -> int:
        """How many draws there are."""
        return int(self.values.shape[0])


def draw_survey_values(
    estimates: SurveyEstimates,
    criteria: Mapping[str, str],
    *,
    draws: int = 200,
    seed: int = 0,
    method: str = "bootstrap",
) -> SurveyDraws:
    """Draw ``draws`` plausible values of each survey item that feeds a criterion
    (``criteria``: item -> criterion code), for every unit, seeded by ``seed``.

    ``method``:

    - ``"bootstrap"`` picks, for each draw and unit, one of the unit's bootstrap replicates (all
      items of one replicate together, so that the elements keep their correlation); a
      replicate without a valid answer gives the point estimate;
    - ``"normal"`` draws share + se × Z, cut to [0, 1];
    - ``"beta"`` draws from the beta distribution with the share's mean and variance se²
      (a share of 0 or 1, or a zero se, is drawn as itself).

    A unit whose share does not vary (every answer the same, or se = 0) draws its point
    estimate every time.

    >>> import numpy as np
    >>> answers = {q.code: np.array([5, 4, 2, 1]) for q in SIPAS.questions}
    >>> est = estimate(Responses(SIPAS, ["A"] * 4, answers), replicates=100)
    >>> d = draw_survey_values(est, {"SIPAS": "6.2"}, draws=20, seed=1, method="normal")
    >>> d.values.shape, d.nominal
    ((20, 1, 1), ((Fraction(1, 2),),))
    """
    of_type(estimates, SurveyEstimates, "estimates")
    method = one_of(method, "method", _METHODS)
    draws = whole(draws, "draws", minimum=1, maximum=MAX_DRAWS)
    seed = whole(seed, "seed", maximum=2**63 - 1)
    if not isinstance(criteria, Mapping) or not criteria:
        raise CchcTypeError(
            "must map survey items to criterion codes",
            vi="phải là bảng ánh xạ mã yếu tố khảo sát → mã tiêu chí",
            field="criteria",
            value=criteria,
        )
    all_items = estimates.survey.items()
    index = {fold(code): k for k, code in enumerate(all_items)}
    picks: list[int] = []
    codes: list[str] = []
    for item, code in criteria.items():
        k = index.get(fold(item)) if isinstance(item, str) else None
        if k is None:
            raise NotFoundError(
                f"is no question, element or survey code of {estimates.survey.code}",
                vi="không phải là mã câu hỏi, yếu tố hay phiếu khảo sát",
                field=f"criteria[{item!r}]",
                value=item,
            )
        code = text(code, f"criteria[{item!r}]")
        if fold(code) in {fold(c) for c in codes}:
            raise ValidationError(
                "the criterion is given two survey items",
                vi=f"tiêu chí “{code}” được gán hai yếu tố khảo sát",
                field=f"criteria[{item!r}]",
                value=code,
            )
        picks.append(k)
        codes.append(code)
    n_items = len(all_items)
    units = estimates.units
    nominal = tuple(
        tuple(estimates.estimates[j * n_items + k].share for j in range(len(units))) for k in picks
    )
    point = np.array(
        [[np.nan if s is None else float(s) for s in row] for row in nominal], dtype=np.float64
    ).reshape(len(picks), len(units))
    rng = np.random.default_rng(seed)
    if method == "bootstrap":
        reps = estimates.replicates
        if reps.shape[1] == 0:
            raise ValidationError(
                "the estimates hold no bootstrap replicates; estimate with replicates above 0, "
                "or draw by method 'normal' or 'beta'",
                vi="kết quả ước lượng không có mẫu lặp bootstrap; hãy ước lượng với replicates "
                "lớn hơn 0 hoặc chọn cách “normal” hay “beta”",
                field="method",
                value=method,
            )
        chosen = rng.integers(0, reps.shape[1], size=(draws, len(units)))
        sub = reps[picks]  # (criteria, replicates, units)
        values = sub[:, chosen, np.arange(len(units))].transpose(1, 0, 2)
        values = np.where(np.isnan(values), point[None], values)
    else:
        se = np.array(
            [
                [
                    0.0
                    if estimates.estimates[j * n_items + k].se is None
                    else float(cast(float, estimates.estimates[j * n_items + k].se))
                    for j in range(len(units))
                ]
                for k in picks
            ],
            dtype=np.float64,
        ).reshape(len(picks), len(units))
        if method == "normal":
            z = rng.standard_normal((draws, len(picks), len(units)))
            values = np.clip(point[None] + se[None] * z, 0.0, 1.0)
        else:
            values = _beta_draws(rng, point, se, draws, units, [all_items[k] for k in picks])
    values = np.where(np.isnan(point)[None], np.nan, values)
    values.flags.writeable = False
    return SurveyDraws(
        units, tuple(all_items[k] for k in picks), tuple(codes), nominal, values, method, seed
    )


def _beta_draws(
    rng: np.random.Generator,
    point: FloatArray,
    se: FloatArray,
    draws: int,
    units: Sequence[str],
    items: Sequence[str],
) -> FloatArray:
    var = se * se
    spread = point * (1 - point)
    varies = (var > 0) & (spread > 0) & ~np.isnan(point)
    too_wide = varies & (var >= spread)
    if too_wide.any():
        k, j = (int(x[0]) for x in np.nonzero(too_wide))
        raise ValidationError(
            f"the standard error {se[k, j]:.4f} is too wide for a beta distribution around the "
            f"share {point[k, j]:.4f} of {items[k]!r}; draw by method 'normal' or 'bootstrap'",
            vi=f"sai số chuẩn quá lớn so với tỷ lệ của “{items[k]}”, không dựng được phân phối "
            "beta; hãy chọn cách “normal” hoặc “bootstrap”",
            field="method",
            value=units[j],
        )
    factor = np.where(varies, spread / np.where(varies, var, 1.0) - 1, 1.0)
    a = np.where(varies, point * factor, 1.0)
    b = np.where(varies, (1 - point) * factor, 1.0)
    drawn = rng.beta(a[None], b[None], size=(draws, *point.shape))
    return np.where(varies[None], drawn, point[None])


# ---------------------------------------------------------------------------------------------
# outcomes: bands, ranks and prizes over the draws


def _draw_steps(
    draws: SurveyDraws, framework: Framework, scale_max: Sequence[Decimal]
) -> tuple[IntArray, npt.NDArray[np.bool_], IntArray]:
    """Each draw's survey index in steps of the framework's precision (draws, criteria, units),
    whether the unit has the item, and the nominal steps (criteria, units). A draw within 1e-12
    of the point estimate is the point estimate: floating-point noise is not uncertainty."""
    n_c, n_u = len(draws.criteria), len(draws.units)
    nominal = np.zeros((n_c, n_u), dtype=np.int64)
    has = np.zeros((n_c, n_u), dtype=bool)
    point = np.full((n_c, n_u), np.nan)
    for c in range(n_c):
        for j, share in enumerate(draws.nominal[c]):
            if share is not None:
                nominal[c, j] = _nominal_steps(share, scale_max[c], framework)
                has[c, j] = True
                point[c, j] = float(share)
    factor = np.array([float(s) * framework.scale for s in scale_max])[None, :, None]
    values = np.nan_to_num(draws.values, nan=0.0)
    steps = np.floor(values * factor + 0.5).astype(np.int64)
    top = (factor * np.ones((1, n_c, n_u))).astype(np.int64)
    steps = np.clip(steps, 0, top)
    same = np.abs(values - np.nan_to_num(point, nan=-1.0)[None]) <= 1e-12
    steps = np.where(same, nominal[None], steps)
    return steps, has, nominal


class _Tally:
    """Counts of every outcome over the draws."""

    def __init__(self, units: Sequence[str], band_count: int, draws: int):
        self.bands = np.zeros((len(units), band_count + 1), dtype=np.int64)
        self.ranks = np.zeros((draws, len(units)), dtype=np.int64)
        self.prizes: dict[int, Counter[str]] = {}
        self.ties = np.zeros(len(units), dtype=np.int64)


def _prize_of(decision: Any, column: Mapping[str, int]) -> tuple[dict[int, str], set[int]]:
    """Each unit's prize (group/prize code) and the units in ties left to the council."""
    won: dict[int, str] = {}
    for award in decision.awards:
        j = column.get(fold(award.recipient))
        if j is not None:
            won[j] = f"{award.group}/{award.prize}"
    tied = {column[fold(c)] for tie in decision.ties for c in tie.candidates if fold(c) in column}
    return won, tied


@attrs.frozen(eq=False)
class SurveyOutcomes:
    """Each unit's outcomes under the survey's uncertainty (a container, not a value type).

    ``bands`` are the framework's band labels, then ``None`` (no band); ``band_counts`` holds,
    for each unit, how many draws put it in each; ``ranks`` each draw's rank of each unit
    (draws × units); ``prize_counts`` how many draws gave each unit each prize
    (``"group/prize"``); ``tie_counts`` how many left it in a tie for the council. The
    ``nominal_*`` fields are the outcome at the point estimates. Probabilities are exact
    fractions of the draws.
    """

    units: tuple[str, ...]
    bands: tuple[str | None, ...]
    draws: int
    band_counts: IntArray = attrs.field(repr=False)
    ranks: IntArray = attrs.field(repr=False)
    prize_counts: Mapping[str, Mapping[str, int]]
    tie_counts: tuple[int, ...]
    nominal_band: tuple[str | None, ...]
    nominal_rank: tuple[int, ...]
    nominal_prize: tuple[str | None, ...]
    method: str
    seed: int

    def _column(self, unit: str) -> int:
        key = fold(text(unit, "unit"))
        for j, code in enumerate(self.units):
            if fold(code) == key:
                return j
        raise NotFoundError(
            "is not among the units scored",
            vi="đơn vị này không có trong kết quả",
            field="unit",
            value=unit,
        )

    def band_probabilities(self, unit: str) -> dict[str | None, Fraction]:
        """The probability of each band (None: no band) for ``unit``."""
        j = self._column(unit)
        return {
            band: Fraction(int(self.band_counts[j, b]), self.draws)
            for b, band in enumerate(self.bands)
        }

    def band_probability(self, unit: str, band: str | None) -> Fraction:
        """The probability that ``unit`` falls in ``band``."""
        probabilities = self.band_probabilities(unit)
        for label, p in probabilities.items():
            if (label is None and band is None) or (
                label is not None and isinstance(band, str) and fold(label) == fold(band)
            ):
                return p
        raise NotFoundError(
            "is no band of the framework",
            vi="không phải là mức xếp loại của bộ tiêu chí",
            field="band",
            value=band,
        )

    def prize_probabilities(self, unit: str) -> dict[str, Fraction]:
        """The probability of each prize ``unit`` won in some draw (``"group/prize"``)."""
        counts = self.prize_counts.get(self.units[self._column(unit)], {})
        return {prize: Fraction(c, self.draws) for prize, c in sorted(counts.items())}

    def tie_probability(self, unit: str) -> Fraction:
        """The probability that ``unit`` is left in a tie for the council to settle."""
        return Fraction(self.tie_counts[self._column(unit)], self.draws)

    def median_rank(self, unit: str) -> Fraction:
        """The median of ``unit``'s ranks over the draws (exact: the mean of the two middle
        ranks when the number of draws is even)."""
        ranks = np.sort(self.ranks[:, self._column(unit)])
        n = len(ranks)
        if n % 2:
            return Fraction(int(ranks[n // 2]))
        return Fraction(int(ranks[n // 2 - 1]) + int(ranks[n // 2]), 2)

    def rank_interval(self, unit: str, coverage: object = "0.9") -> tuple[int, int]:
        """The ranks between the lower and upper ``(1 − coverage) / 2`` quantiles of ``unit``'s
        ranks (nearest rank: whole ranks that occurred), 5th to 95th percentile by default."""
        level = fraction(coverage, "coverage")
        if not 0 < level <= 1:
            raise ValidationError(
                "must be above 0 and at most 1",
                vi="phải lớn hơn 0 và không quá 1",
                field="coverage",
                value=coverage,
            )
        ranks = np.sort(self.ranks[:, self._column(unit)])
        n = len(ranks)
        tail = (1 - level) / 2
        low = max(0, math.ceil(tail * n) - 1)
        high = min(n - 1, max(0, math.ceil((1 - tail) * n) - 1))
        return int(ranks[low]), int(ranks[high])

    def rows(self) -> list[dict[str, object]]:
        """One row per unit: the nominal band, rank and prize, each band's probability, the
        median rank and its 5–95 % interval, and each prize's probability."""
        out = []
        for j, unit in enumerate(self.units):
            row: dict[str, object] = {
                "unit": unit,
                "band": self.nominal_band[j],
                "rank": self.nominal_rank[j],
                "prize": self.nominal_prize[j],
            }
            for band, p in self.band_probabilities(unit).items():
                row[f"P({band if band is not None else '-'})"] = p
            row["median_rank"] = self.median_rank(unit)
            row["rank_interval"] = self.rank_interval(unit)
            row["prizes"] = self.prize_probabilities(unit)
            row["P(tie)"] = self.tie_probability(unit)
            out.append(row)
        return out


def _check_scale_max(framework: Framework, draws: SurveyDraws) -> list[Decimal]:
    findings: list[Finding] = []
    scale_max = []
    for c, code in enumerate(draws.criteria):
        path = f"criteria[{draws.items[c]!r}]"
        node = _survey_criterion(framework, code, path, findings)
        if node is None:
            continue
        scale_max.append(node.effective_rule.scale_max)
    if findings:
        raise InvalidDocumentError("survey criteria", findings)
    return scale_max


def _survey_layers(base: ScoreTable, draws: SurveyDraws) -> Iterator[tuple[int, ScoreTable]]:
    """The nominal survey layer (draw -1) and each draw's, as new stages of ``base``."""
    fw = base.framework
    steps, has, nominal = _draw_steps(draws, fw, _check_scale_max(fw, draws))
    given = {code: has[c] for c, code in enumerate(draws.criteria)}
    for d in range(-1, draws.draws):
        layer = nominal if d < 0 else steps[d]
        columns, present = _columns_for(
            base.units,
            draws.units,
            {code: layer[c] for c, code in enumerate(draws.criteria)},
            given,
        )
        yield d, base.updated(columns, present=present, stage=Source.SURVEY)


def survey_outcomes(
    table: ScoreTable,
    draws: SurveyDraws,
    *,
    groups: Mapping[str, str] | None = None,
    ties: TiePolicy | None = None,
) -> SurveyOutcomes:
    """Score ``table`` (every stage but the survey) once per draw with the survey values of
    ``draws`` laid over it, and count each unit's bands and ranks (within ``groups``, ties by
    ``ties``): one :class:`~cchc.scoring.ScoreTable` per draw, scored by
    :func:`~cchc.scoring.score_table` and :func:`~cchc.scoring.rank`, exactly. Units of the
    table that were not surveyed keep whatever survey cells the table gives them.

    >>> import numpy as np
    >>> from cchc.criteria import load_bundled
    >>> fw = load_bundled("cchc-campaign-6")
    >>> base = ScoreTable.from_wide(fw, [{"unit": "A", "1.1": "8"}, {"unit": "B", "1.1": "7"}])
    >>> answers = {q.code: np.array([5, 5, 4, 1, 2, 5]) for q in SIPAS.questions}
    >>> est = estimate(Responses(SIPAS, ["A"] * 3 + ["B"] * 3, answers), replicates=200)
    >>> out = survey_outcomes(base, draw_survey_values(est, {"SIPAS": "6.2"}, draws=50))
    >>> out.nominal_rank, out.band_probability("A", "Yếu")
    ((1, 2), Fraction(1, 1))
    """
    of_type(table, ScoreTable, "table")
    of_type(draws, SurveyDraws, "draws")
    fw = table.framework
    tally = _Tally(table.units, len(fw.bands), draws.draws)
    nominal: tuple[Any, ...] = ()
    for d, layer in _survey_layers(table, draws):
        result = score_table(layer, groups)
        ranking = rank(result, groups, ties)
        if d < 0:
            nominal = (result.band_of.copy(), ranking.ranks.copy())
            continue
        band_of = np.where(result.band_of < 0, len(fw.bands), result.band_of)
        np.add.at(tally.bands, (np.arange(len(table.units)), band_of), 1)
        tally.ranks[d] = ranking.ranks
    return _outcomes(table.units, fw, draws, tally, nominal[0], nominal[1], None)


def _outcomes(
    units: Sequence[str],
    fw: Framework,
    draws: SurveyDraws,
    tally: _Tally,
    band_of: IntArray,
    ranks: IntArray,
    prizes: Sequence[str | None] | None,
) -> SurveyOutcomes:
    labels: tuple[str | None, ...] = (*(b.label for b in fw.bands), None)
    band_counts = tally.bands
    band_counts.flags.writeable = False
    tally.ranks.flags.writeable = False
    return SurveyOutcomes(
        tuple(units),
        labels,
        draws.draws,
        band_counts,
        tally.ranks,
        {units[j]: dict(c) for j, c in sorted(tally.prizes.items())},
        tuple(int(x) for x in tally.ties),
        tuple(labels[int(b)] if b >= 0 else None for b in band_of),
        tuple(int(r) for r in ranks),
        tuple(prizes) if prizes is not None else (None,) * len(units),
        draws.method,
        draws.seed,
    )


def campaign_outcomes(
    campaign: Campaign,
    inputs: CampaignInputs,
    draws: SurveyDraws,
    *,
    ties: TiePolicy | None = None,
) -> SurveyOutcomes:
    """Run ``campaign`` end to end (:func:`~cchc.campaigns.run_campaign`: scores, ranking
    within its groups, prizes) once per draw, the drawn survey values laid over the survey
    stage of ``inputs``, and count each unit's bands, ranks and prizes. A tie the allocation
    leaves to the council gives no prize in that draw and is counted apart
    (:meth:`SurveyOutcomes.tie_probability`): the council's settlements of the published
    result do not carry over to other draws.

    See ``docs/surveys.md`` for a worked example.
    """
    from cchc.campaigns import Campaign, CampaignInputs, run_campaign

    of_type(campaign, Campaign, "campaign")
    of_type(inputs, CampaignInputs, "inputs")
    of_type(draws, SurveyDraws, "draws")
    if campaign.framework is None:
        raise ValidationError(
            "the campaign has no criteria framework",
            vi="phong trào thi đua chưa có bộ tiêu chí",
            field="framework",
        )
    fw = campaign.framework
    base = inputs.survey or ScoreTable.empty(
        inputs.self_assessment.framework, inputs.self_assessment.units
    )
    units = inputs.final_table().units
    column = {fold(u): j for j, u in enumerate(units)}
    tally = _Tally(units, len(fw.bands), draws.draws)
    nominal: tuple[Any, ...] = ()
    for d, layer in _survey_layers(base, draws):
        result = run_campaign(campaign, attrs.evolve(inputs, survey=layer), ties=ties)
        final_column = [column[fold(u)] for u in result.final.units]
        band_of = np.empty(len(units), dtype=np.int64)
        band_of[final_column] = result.final.band_of
        ranks = np.empty(len(units), dtype=np.int64)
        ranks[final_column] = result.ranking.ranks
        won, tied = _prize_of(result.decision, column)
        if d < 0:
            nominal = (band_of, ranks, [won.get(j) for j in range(len(units))])
            continue
        counted = np.where(band_of < 0, len(fw.bands), band_of)
        np.add.at(tally.bands, (np.arange(len(units)), counted), 1)
        tally.ranks[d] = ranks
        for j, prize in won.items():
            tally.prizes.setdefault(j, Counter())[prize] += 1
        for j in tied:
            tally.ties[j] += 1
    return _outcomes(units, fw, draws, tally, nominal[0], nominal[1], nominal[2])
