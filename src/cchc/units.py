"""Units of the administration, the tree they form, and the groups (khối, cụm) they are ranked in.

A reform campaign speaks of bodies at every level: ministries and provinces, departments
(sở, ban, ngành), districts and their offices (phòng, ban), communes, wards, towns and special
zones, and bodies beside them such as the emulation council (Hội đồng Thi đua - Khen thưởng).
A :class:`Unit` is one of them; a :class:`UnitTree` holds many and answers who is under whom.

The tree does not assume a number of levels. Before 1 July 2025 local government had four
(province, district, commune and the district's offices beside the communes); since then it
has two (province, commune). Both are just trees:

>>> tree = UnitTree([
...     Unit("DT", "Đồng Tháp", UnitKind.PROVINCE),
...     Unit("CT", "Châu Thành", UnitKind.DISTRICT, parent="DT"),
...     Unit("CT-NV", "Phòng Nội vụ", UnitKind.DISTRICT_OFFICE, parent="CT"),
...     Unit("CT-CT", "Cái Tàu Hạ", UnitKind.TOWN, parent="CT"),
...     Unit("CT-AH", "An Hiệp", UnitKind.COMMUNE, parent="CT"),
... ])
>>> [u.name for u in tree.ancestors("CT-AH")]
['Châu Thành', 'Đồng Tháp']
>>> tree.depth("CT-AH")
2
>>> tree.find("cái tàu hạ").code          # names compare case- and tone-placement-insensitively
'CT-CT'

Units are ranked in named groups; seed 001 (Châu Thành, plan 138/KH-UBND) gives prizes to
"Phòng, ban, ngành huyện" and to "UBND xã, thị trấn" separately:

>>> grouping = Grouping(tree, [
...     group_by_kind(tree, "PB", "Phòng, ban, ngành huyện", UnitKind.DISTRICT_OFFICE),
...     group_by_kind(tree, "XA", "UBND xã, thị trấn", UnitKind.COMMUNE, UnitKind.TOWN),
... ])
>>> grouping.group_of("CT-AH").name
'UBND xã, thị trấn'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from cchc._fields import (
    CodedEnum,
    constructor_repr,
    is_code,
    is_name,
    sequence,
    text,
    text_set,
    texts,
    to_nfc,
)
from cchc.errors import (
    CchcTypeError,
    Finding,
    InvalidDocumentError,
    NotFoundError,
    Severity,
    ValidationError,
)
from cchc.text import fold

__all__ = [
    "Grouping",
    "Unit",
    "UnitGroup",
    "UnitKind",
    "UnitTree",
    "group_by_kind",
]


class UnitKind(CodedEnum):
    """What kind of body a unit is. The value is the short code used in data files.

    >>> UnitKind.DISTRICT_OFFICE.vi
    'Phòng, ban thuộc UBND cấp huyện'
    >>> UnitKind.SPECIAL_ZONE.en
    'Special zone'
    >>> UnitKind.from_text("Phường Ba Đình")
    UnitKind.WARD
    """

    MINISTRY = "bo"
    PROVINCE = "tinh"
    DEPARTMENT = "so"
    DISTRICT = "huyen"
    DISTRICT_OFFICE = "phong"
    COMMUNE = "xa"
    WARD = "phuong"
    TOWN = "thi-tran"
    SPECIAL_ZONE = "dac-khu"
    COUNCIL = "hoi-dong"
    PARTY_COMMITTEE = "dang-uy"
    OTHER = "khac"

    @property
    def code(self) -> str:
        """The short code (``"xa"``)."""
        return self.value

    @property
    def vi(self) -> str:
        """The Vietnamese label."""
        return _KIND_LABELS[self][0]

    @property
    def en(self) -> str:
        """The English label."""
        return _KIND_LABELS[self][1]

    @property
    def is_commune_level(self) -> bool:
        """True for the kinds of the commune level (cấp xã): communes, wards, towns and special
        zones.

        >>> UnitKind.TOWN.is_commune_level, UnitKind.DISTRICT.is_commune_level
        (True, False)
        """
        return self in _COMMUNE_LEVEL

    @classmethod
    def from_text(cls, text: str) -> UnitKind:
        """Return the kind that ``text`` names, either alone ("xã", "thị trấn", "sở, ban,
        ngành") or at the start of a unit's name ("Sở Nội vụ", "UBND huyện Châu Thành").
        The short code and the member name are accepted too. Raise :class:`NotFoundError`
        when no kind is named.

        >>> UnitKind.from_text("UBND xã An Hiệp")
        UnitKind.COMMUNE
        >>> UnitKind.from_text("Huyện ủy Châu Thành")
        UnitKind.PARTY_COMMITTEE
        >>> UnitKind.from_text("thành phố thuộc tỉnh")
        UnitKind.DISTRICT
        >>> UnitKind.from_text("Hội đồng Thi đua - Khen thưởng huyện")
        UnitKind.COUNCIL
        >>> UnitKind.from_text("UBND thành phố Hà Nội"), UnitKind.from_text("Thành phố Lào Cai")
        (UnitKind.PROVINCE, UnitKind.DISTRICT)
        >>> UnitKind.from_text("Văn phòng UBND tỉnh"), UnitKind.from_text("HĐND tỉnh")
        (UnitKind.DEPARTMENT, UnitKind.OTHER)
        """
        key = fold(_read(text, "text"))
        for kind in cls:
            if key in (fold(kind.value), fold(kind.name)):
                return kind
        key = _GOVERNMENT_PREFIX.sub("", key)
        match = _KIND_PATTERN.match(key)
        if match is None:
            if _CITY.match(key):  # "Thành phố Lào Cai": a city of a province
                return UnitKind.DISTRICT
            raise NotFoundError(
                "names no kind of unit",
                vi="không nêu loại đơn vị nào (xã, phường, huyện, sở, …)",
                field="text",
                value=text,
            )
        return _KIND_BY_ALIAS[match.group(0)]


_KIND_LABELS: dict[UnitKind, tuple[str, str]] = {
    UnitKind.MINISTRY: ("Bộ, ngành trung ương", "Ministry or central agency"),
    UnitKind.PROVINCE: ("Tỉnh, thành phố trực thuộc trung ương", "Province or central city"),
    UnitKind.DEPARTMENT: ("Sở, ban, ngành tỉnh", "Provincial department or agency"),
    UnitKind.DISTRICT: (
        "Huyện, quận, thị xã, thành phố thuộc tỉnh",
        "District, urban district, town or provincial city",
    ),
    UnitKind.DISTRICT_OFFICE: ("Phòng, ban thuộc UBND cấp huyện", "District office"),
    UnitKind.COMMUNE: ("Xã", "Commune"),
    UnitKind.WARD: ("Phường", "Ward"),
    UnitKind.TOWN: ("Thị trấn", "Township"),
    UnitKind.SPECIAL_ZONE: ("Đặc khu", "Special zone"),
    UnitKind.COUNCIL: ("Hội đồng", "Council (e.g. emulation and commendation council)"),
    UnitKind.PARTY_COMMITTEE: ("Cấp ủy đảng", "Party committee"),
    UnitKind.OTHER: ("Cơ quan, đơn vị khác", "Other body"),
}

_COMMUNE_LEVEL = frozenset({UnitKind.COMMUNE, UnitKind.WARD, UnitKind.TOWN, UnitKind.SPECIAL_ZONE})

_CENTRAL_CITIES = ("hà nội", "hồ chí minh", "hải phòng", "đà nẵng", "cần thơ", "huế")

# Words that name each kind, alone or at the start of a name. The longest alias wins, so
# "huyện ủy" is a Party committee and "huyện" a district.
_KIND_ALIASES: dict[UnitKind, tuple[str, ...]] = {
    UnitKind.MINISTRY: ("bộ", "bộ, ngành", "ngành trung ương", "cơ quan ngang bộ"),
    UnitKind.PROVINCE: (
        "tỉnh",
        "thành phố trực thuộc trung ương",
        "thành phố trực thuộc tw",
        "tỉnh, thành phố",
        # the centrally-run cities (Huế since 2025); any other "thành phố X" is a city of a
        # province, of district level
        *(f"thành phố {city}" for city in _CENTRAL_CITIES),
    ),
    UnitKind.DEPARTMENT: (
        "sở",
        "sở, ban, ngành",
        "ban, ngành tỉnh",
        "sở, ngành",
        # provincial agencies ranked with the departments (sở, ban, ngành)
        "văn phòng ubnd tỉnh",
        "văn phòng ủy ban nhân dân tỉnh",
        "văn phòng hđnd và ubnd tỉnh",
        "văn phòng đoàn đbqh, hđnd và ubnd tỉnh",
        "thanh tra tỉnh",
        "ban dân tộc",
        "bộ chỉ huy quân sự",
        "bộ chỉ huy bộ đội biên phòng",
        "công an tỉnh",
    ),
    UnitKind.DISTRICT: ("huyện", "quận", "thị xã", "thành phố thuộc tỉnh"),
    UnitKind.DISTRICT_OFFICE: (
        "phòng",
        "phòng, ban",
        "phòng, ban, ngành",
        "phòng, ban huyện",
        "văn phòng ubnd huyện",
        "văn phòng ủy ban nhân dân huyện",
        "văn phòng hđnd và ubnd huyện",
        "thanh tra huyện",
    ),
    UnitKind.COMMUNE: ("xã",),
    UnitKind.WARD: ("phường",),
    UnitKind.TOWN: ("thị trấn",),
    UnitKind.SPECIAL_ZONE: ("đặc khu",),
    UnitKind.COUNCIL: ("hội đồng", "hội đồng thi đua - khen thưởng", "hội đồng thi đua"),
    UnitKind.PARTY_COMMITTEE: (
        "đảng ủy",
        "đảng bộ",
        "cấp ủy",
        "tỉnh ủy",
        "thành ủy",
        "huyện ủy",
        "quận ủy",
        "thị ủy",
        "ban thường vụ",
    ),
    UnitKind.OTHER: (
        "khác",
        "cơ quan khác",
        "đơn vị khác",
        "cơ quan, đơn vị khác",
        # elected councils are not the emulation councils (hội đồng thi đua)
        "hội đồng nhân dân",
        "hđnd",
    ),
}
_KIND_BY_ALIAS = {fold(a): kind for kind, aliases in _KIND_ALIASES.items() for a in aliases}
_KIND_PATTERN = re.compile(
    "|".join(
        f"{re.escape(alias)}(?!\\w)" for alias in sorted(_KIND_BY_ALIAS, key=len, reverse=True)
    )
)
_CITY = re.compile(f"{re.escape(fold('thành phố'))}\\s+\\w")
_GOVERNMENT_PREFIX = re.compile(f"^(?:ubnd|{re.escape(fold('ủy ban nhân dân'))})\\s+")


def _kinds(value: object, field: str) -> frozenset[UnitKind]:
    """A kind or kinds, checked: anything else is a :class:`CchcTypeError` naming ``field``."""
    if isinstance(value, UnitKind):
        return frozenset({value})
    items = tuple(value) if isinstance(value, Iterable) and not isinstance(value, str) else None
    if items is None or not all(isinstance(k, UnitKind) for k in items):
        raise CchcTypeError(
            "must be a UnitKind or UnitKinds",
            vi="phải là một hoặc nhiều loại đơn vị",
            field=field,
            value=value,
        )
    return frozenset(items)


def _read(value: object, field: str) -> str:
    """Text given to a lookup, refused with a :class:`~cchc.errors.CchcError` naming ``field``
    when it is not text (or holds a lone surrogate)."""
    return text(value, field)


# --- Unit -------------------------------------------------------------------------------------


def _validate_kind(instance: object, attribute: attrs.Attribute[UnitKind], value: object) -> None:
    if not isinstance(value, UnitKind):
        raise CchcTypeError(
            "must be a UnitKind", vi="phải là một loại đơn vị", field=attribute.name, value=value
        )


def _validate_staff(
    instance: object, attribute: attrs.Attribute[int | None], value: object
) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise CchcTypeError(
            "must be a whole number or None",
            vi="phải là số nguyên hoặc để trống",
            field=attribute.name,
            value=value,
        )
    if value < 0:
        raise ValidationError(
            "must not be negative", vi="không được là số âm", field=attribute.name, value=value
        )


def _tags(value: object) -> frozenset[str]:
    return text_set(value, "tags")


def _validate_tags(
    instance: object, attribute: attrs.Attribute[frozenset[str]], value: Any
) -> None:
    text_set(value, attribute.name)
    for tag in value:
        if not tag:
            raise ValidationError(
                "a tag must not be empty",
                vi="nhãn không được để trống",
                field=attribute.name,
                value=value,
            )


@attrs.frozen(repr=False)
class Unit:
    """One body of the administration: a ministry, province, department, district, district
    office, commune, ward, town, special zone, council or Party committee.

    ``code`` identifies the unit (no white space; compared case- and tone-placement-
    insensitively inside a tree); ``parent`` is the code of the unit directly above it, or
    ``None`` for a root. ``staff`` (headcount, used for size brackets and apportionment) and
    ``tags`` (such as ``"remote"`` for vùng sâu, vùng xa) are optional.

    >>> xa = Unit("CT-AH", "An Hiệp", UnitKind.COMMUNE, parent="CT", staff=21)
    >>> xa
    Unit('CT-AH', 'An Hiệp', UnitKind.COMMUNE, parent='CT', staff=21)
    >>> str(xa)
    'An Hiệp'
    >>> Unit("CT", "Châu Thành", UnitKind.DISTRICT, parent="ct")
    Traceback (most recent call last):
    ...
    cchc.errors.ValidationError: parent = 'ct': a unit cannot be its own parent
    """

    code: str = attrs.field(converter=to_nfc, validator=is_code)
    name: str = attrs.field(converter=to_nfc, validator=is_name)
    kind: UnitKind = attrs.field(validator=_validate_kind)
    parent: str | None = attrs.field(default=None, converter=to_nfc)
    staff: int | None = attrs.field(default=None, validator=_validate_staff)
    tags: frozenset[str] = attrs.field(factory=frozenset, converter=_tags, validator=_validate_tags)

    @parent.validator
    def _check_parent(self, attribute: attrs.Attribute[str | None], value: str | None) -> None:
        if value is None:
            return
        is_code(self, attribute, value)
        if fold(value) == fold(self.code):
            raise ValidationError(
                "a unit cannot be its own parent",
                vi="một đơn vị không thể là cấp trên của chính nó",
                field="parent",
                value=value,
            )

    def __repr__(self) -> str:
        return constructor_repr(self)

    def __str__(self) -> str:
        return self.name

    @property
    def is_root(self) -> bool:
        """True when the unit has no parent."""
        return self.parent is None


# --- UnitTree ---------------------------------------------------------------------------------


def _tree_findings(
    units: tuple[Unit, ...], keys: list[str], parents: list[str | None]
) -> list[Finding]:
    """Every problem of ``units`` as a tree: duplicate codes, unknown parents, cycles.
    ``keys`` and ``parents`` hold each unit's folded code and parent code."""
    findings: list[Finding] = []
    first: dict[str, int] = {}
    for i, (unit, key) in enumerate(zip(units, keys, strict=True)):
        if key in first:
            j = first[key]
            findings.append(
                Finding(
                    "unit.duplicate-code",
                    f"units[{i}].code",
                    f"Mã đơn vị “{unit.code}” trùng với mã của đơn vị thứ {j + 1} "
                    f"(“{units[j].code}”)",
                    f"code {unit.code!r} is already used by units[{j}] ({units[j].code!r})",
                )
            )
        else:
            first[key] = i
    for i, (unit, parent) in enumerate(zip(units, parents, strict=True)):
        if parent is not None and parent not in first:
            findings.append(
                Finding(
                    "unit.unknown-parent",
                    f"units[{i}].parent",
                    f"Đơn vị cấp trên “{unit.parent}” của “{unit.code}” không có trong danh sách",
                    f"parent {unit.parent!r} of {unit.code!r} is not among the units",
                )
            )
    # cycles: follow parents from each unit; a walk that meets itself has found a cycle
    state: dict[str, int] = {}  # 1 = on the current walk, 2 = done
    for start in first:
        walk: list[str] = []
        step: str | None = start
        while step is not None and step in first and state.get(step) is None:
            state[step] = 1
            walk.append(step)
            step = parents[first[step]]
        if step is not None and state.get(step) == 1:
            cycle = walk[walk.index(step) :]
            at = min(first[k] for k in cycle)
            codes = " -> ".join(units[first[k]].code for k in [*cycle, cycle[0]])
            findings.append(
                Finding(
                    "unit.cycle",
                    f"units[{at}].parent",
                    f"Quan hệ cấp trên tạo thành vòng: {codes}",
                    f"parents form a cycle: {codes}",
                )
            )
        for k in walk:
            state[k] = 2
    return findings


def _tree_units(value: Iterable[Unit]) -> tuple[Unit, ...]:
    units = sequence(value, "units")
    for i, unit in enumerate(units):
        if not isinstance(unit, Unit):
            raise CchcTypeError(
                "must be a Unit", vi="phải là một đơn vị", field=f"units[{i}]", value=unit
            )
    keys = [fold(u.code) for u in units]
    known = dict(zip((u.code for u in units), keys, strict=True))
    parents = [None if u.parent is None else known.get(u.parent) or fold(u.parent) for u in units]
    findings = _tree_findings(units, keys, parents)
    if findings:
        raise InvalidDocumentError("unit tree", findings)
    # canonical order: depth first from the roots, siblings by code, so that the same units
    # in any order make the same tree
    children: dict[str | None, list[int]] = {}
    for i, parent in enumerate(parents):
        children.setdefault(parent, []).append(i)

    def below(parent: str | None) -> list[int]:
        return sorted(
            children.get(parent, []), key=lambda i: (keys[i], units[i].code), reverse=True
        )

    ordered: list[Unit] = []
    stack = below(None)
    while stack:
        i = stack.pop()
        ordered.append(units[i])
        stack.extend(below(keys[i]))
    return tuple(ordered)


def _describe(tree: UnitTree, unit: Unit) -> str:
    above = tree.parent(unit.code)
    where = f", under {above.name}" if above is not None else ""
    return f"{unit.code} ({unit.kind.name.lower().replace('_', ' ')}{where})"


@attrs.frozen(repr=False)
class UnitTree:
    """Units and the hierarchy their ``parent`` codes make, of any depth.

    The constructor checks the whole set at once and reports every problem in one
    :class:`~cchc.errors.InvalidDocumentError`: duplicate codes (compared with
    :func:`cchc.text.fold`), parents that are not among the units, and cycles. The units are
    kept in a canonical order (depth first, siblings by code), so the same units given in any
    order make an equal tree.

    >>> tree = UnitTree([
    ...     Unit("LC", "Lào Cai", UnitKind.PROVINCE),
    ...     Unit("LC-SNV", "Sở Nội vụ", UnitKind.DEPARTMENT, parent="LC"),
    ...     Unit("LC-SP", "Sa Pa", UnitKind.WARD, parent="LC"),
    ... ])
    >>> len(tree), [u.code for u in tree]
    (3, ['LC', 'LC-SNV', 'LC-SP'])
    >>> "lc-sp" in tree
    True
    >>> UnitTree([Unit("A", "A", UnitKind.PROVINCE), Unit("a", "B", UnitKind.DISTRICT, "X")])
    Traceback (most recent call last):
    ...
    cchc.errors.InvalidDocumentError: unit tree: 2 problems
      error unit.duplicate-code at units[1].code: ...
      error unit.unknown-parent at units[1].parent: ...
    """

    units: tuple[Unit, ...] = attrs.field(converter=_tree_units)
    _by_code: dict[str, Unit] = attrs.field(init=False, eq=False, repr=False)
    _children: dict[str, tuple[Unit, ...]] = attrs.field(init=False, eq=False, repr=False)
    _by_name: dict[str, tuple[Unit, ...]] = attrs.field(init=False, eq=False, repr=False)
    # folded code -> folded parent code and depth, so that no question walks the tree twice
    _parent_key: dict[str, str | None] = attrs.field(init=False, eq=False, repr=False)
    _depth: dict[str, int] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        by_code: dict[str, Unit] = {}
        children: dict[str, list[Unit]] = {}
        by_name: dict[str, list[Unit]] = {}
        known: dict[str, str] = {}  # code as written -> folded, to fold each parent code once
        parent_key: dict[str, str | None] = {}
        depth: dict[str, int] = {}
        for unit in self.units:  # depth first: a parent always comes before its children
            known[unit.code] = key = fold(unit.code)
            by_code[key] = unit
            parent_key[key] = None
            depth[key] = 0
            if unit.parent is not None:
                parent = known.get(unit.parent) or fold(unit.parent)
                children.setdefault(parent, []).append(unit)
                parent_key[key] = parent
                depth[key] = depth[parent] + 1
            by_name.setdefault(fold(unit.name), []).append(unit)
        object.__setattr__(self, "_parent_key", parent_key)
        object.__setattr__(self, "_depth", depth)
        object.__setattr__(self, "_by_code", by_code)
        object.__setattr__(self, "_children", {k: tuple(v) for k, v in children.items()})
        object.__setattr__(self, "_by_name", {k: tuple(v) for k, v in by_name.items()})

    def __reduce__(self) -> tuple[type[UnitTree], tuple[tuple[Unit, ...]]]:
        return UnitTree, (self.units,)

    def __repr__(self) -> str:
        return f"UnitTree({list(self.units)!r})"

    def __len__(self) -> int:
        return len(self.units)

    def __iter__(self) -> Iterator[Unit]:
        return iter(self.units)

    def __contains__(self, item: object) -> bool:
        """A code (compared with :func:`~cchc.text.fold`) or a :class:`Unit` of the tree."""
        if isinstance(item, str):
            return fold(item) in self._by_code
        if isinstance(item, Unit):
            return self._by_code.get(fold(item.code)) == item
        return False

    def get(self, code: str) -> Unit:
        """The unit with this code; raise :class:`~cchc.errors.NotFoundError` if there is none.

        >>> UnitTree([Unit("HN", "Hà Nội", UnitKind.PROVINCE)]).get("hn").name
        'Hà Nội'
        """
        try:
            return self._by_code[fold(_read(code, "code"))]
        except KeyError:
            raise NotFoundError(
                "no unit has this code",
                vi="không có đơn vị nào mang mã này",
                field="code",
                value=code,
            ) from None

    def find_all(
        self,
        name: str,
        *,
        kind: UnitKind | Iterable[UnitKind] | None = None,
        within: str | None = None,
    ) -> tuple[Unit, ...]:
        """Every unit called ``name`` (NFC-, case- and tone-placement-insensitive), in tree
        order; ``kind`` keeps only units of that kind (or kinds), ``within`` only units below
        the unit with that code.

        >>> tree = UnitTree([
        ...     Unit("TG", "Tiền Giang", UnitKind.PROVINCE),
        ...     Unit("TG-CT", "Châu Thành", UnitKind.DISTRICT, parent="TG"),
        ...     Unit("BT", "Bến Tre", UnitKind.PROVINCE),
        ...     Unit("BT-CT", "Châu Thành", UnitKind.DISTRICT, parent="BT"),
        ... ])
        >>> [u.code for u in tree.find_all("CHÂU THÀNH")]
        ['BT-CT', 'TG-CT']
        >>> [u.code for u in tree.find_all("Châu Thành", within="TG")]
        ['TG-CT']
        """
        found = self._by_name.get(fold(_read(name, "name")), ())
        if kind is not None:
            kinds = _kinds(kind, "kind")
            found = tuple(u for u in found if u.kind in kinds)
        if within is not None:
            top = self.get(within)
            # each unit walks up until it meets a unit already known to be inside or outside,
            # so the whole filter visits every unit above the candidates at most once
            inside: dict[str, bool] = {fold(top.code): True}
            found = tuple(u for u in found if u is not top and self._below(u, inside))
        return found

    def _below(self, unit: Unit, inside: dict[str, bool]) -> bool:
        # inside[k]: the unit with folded code k is the top unit or below it
        path: list[str] = []
        key = fold(unit.code)
        answer = False
        while True:
            if key in inside:
                answer = inside[key]
                break
            path.append(key)
            parent = self._by_code[key].parent
            if parent is None:
                break
            key = fold(parent)
        for k in path:
            inside[k] = answer
        return answer

    def find(
        self,
        name: str,
        *,
        kind: UnitKind | Iterable[UnitKind] | None = None,
        within: str | None = None,
    ) -> Unit:
        """The one unit called ``name`` (see :meth:`find_all`); raise
        :class:`~cchc.errors.NotFoundError` if none is, or if several are, listing them.

        >>> tree = UnitTree([
        ...     Unit("TG", "Tiền Giang", UnitKind.PROVINCE),
        ...     Unit("TG-CT", "Châu Thành", UnitKind.DISTRICT, parent="TG"),
        ...     Unit("BT", "Bến Tre", UnitKind.PROVINCE),
        ...     Unit("BT-CT", "Châu Thành", UnitKind.DISTRICT, parent="BT"),
        ... ])
        >>> tree.find("Châu Thành")
        Traceback (most recent call last):
        ...
        cchc.errors.NotFoundError: name = 'Châu Thành': names 2 units: BT-CT (district, ...
        >>> tree.find("Châu Thành", within="BT").code
        'BT-CT'
        """
        found = self.find_all(name, kind=kind, within=within)
        if len(found) == 1:
            return found[0]
        if not found:
            raise NotFoundError(
                "no unit has this name",
                vi="không có đơn vị nào mang tên này",
                field="name",
                value=name,
            )
        listed = "; ".join(_describe(self, u) for u in found)
        raise NotFoundError(
            f"names {len(found)} units: {listed}; narrow it with kind= or within=",
            vi=f"có {len(found)} đơn vị cùng tên: {', '.join(u.code for u in found)}; "
            "hãy nêu thêm loại đơn vị hoặc đơn vị cấp trên",
            field="name",
            value=name,
        )

    def parent(self, code: str) -> Unit | None:
        """The unit directly above, or ``None`` for a root."""
        unit = self.get(code)
        return None if unit.parent is None else self._by_code[fold(unit.parent)]

    def children(self, code: str) -> tuple[Unit, ...]:
        """The units directly below, ordered by code."""
        return self._children.get(fold(self.get(code).code), ())

    def ancestors(self, code: str) -> tuple[Unit, ...]:
        """The units above, nearest first, the root last."""
        found: list[Unit] = []
        above = self.parent(code)
        while above is not None:
            found.append(above)
            above = self.parent(above.code)
        return tuple(found)

    def descendants(self, code: str) -> tuple[Unit, ...]:
        """Every unit below, at any depth, depth first (the tree's order)."""
        found: list[Unit] = []
        stack = list(reversed(self.children(code)))
        while stack:
            unit = stack.pop()
            found.append(unit)
            stack.extend(reversed(self._children.get(fold(unit.code), ())))
        return tuple(found)

    def depth(self, code: str) -> int:
        """How many units are above: 0 for a root."""
        return self._depth[fold(self.get(code).code)]

    def path(self, code: str) -> tuple[Unit, ...]:
        """The units from the root down to this one, both included.

        >>> tree = UnitTree([Unit("P", "Lào Cai", UnitKind.PROVINCE),
        ...                  Unit("D", "Văn Bàn", UnitKind.DISTRICT, parent="P")])
        >>> " / ".join(u.name for u in tree.path("D"))
        'Lào Cai / Văn Bàn'
        """
        return (*reversed(self.ancestors(code)), self.get(code))

    @property
    def roots(self) -> tuple[Unit, ...]:
        """The units without a parent, ordered by code."""
        return tuple(u for u in self.units if u.parent is None)

    def of_kind(self, *kinds: UnitKind) -> tuple[Unit, ...]:
        """The units of any of these kinds, in tree order.

        >>> tree = UnitTree([Unit("P", "Lào Cai", UnitKind.PROVINCE),
        ...                  Unit("W", "Sa Pa", UnitKind.WARD, parent="P")])
        >>> [u.name for u in tree.of_kind(UnitKind.COMMUNE, UnitKind.WARD)]
        ['Sa Pa']
        """
        wanted = _kinds(kinds, "kinds")
        return tuple(u for u in self.units if u.kind in wanted)

    def subtree(self, code: str) -> UnitTree:
        """The tree of this unit and everything below it; the unit becomes a root (its
        ``parent`` is set to ``None``).

        >>> tree = UnitTree([Unit("P", "Lào Cai", UnitKind.PROVINCE),
        ...                  Unit("D", "Văn Bàn", UnitKind.DISTRICT, parent="P"),
        ...                  Unit("X", "Khánh Yên", UnitKind.TOWN, parent="D")])
        >>> tree.subtree("D").roots
        (Unit('D', 'Văn Bàn', UnitKind.DISTRICT),)
        """
        top = attrs.evolve(self.get(code), parent=None)
        return UnitTree([top, *self.descendants(code)])


# --- groups -----------------------------------------------------------------------------------


def _members(value: object) -> frozenset[str]:
    """The member codes of a group, each in NFC; a code given twice (whatever its case or
    tone placement) is a :class:`~cchc.errors.ValidationError`, never silently merged."""
    codes = texts(value, "members")
    seen: dict[str, str] = {}
    for code in codes:
        key = fold(code)
        if key in seen:
            same = "is given twice" if seen[key] == code else f"and {seen[key]!r} are the same code"
            raise ValidationError(
                f"{code!r} {same}",
                vi=f"mã “{code}” bị lặp lại"
                if seen[key] == code
                else f"mã “{code}” và “{seen[key]}” là cùng một mã",
                field="members",
                value=value,
            )
        seen[key] = code
    return frozenset(codes)


def _validate_members(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    codes = text_set(value, attribute.name)
    if not codes:
        raise ValidationError(
            "a group needs at least one member",
            vi="nhóm phải có ít nhất một đơn vị",
            field="members",
            value=value,
        )
    for member in sorted(codes):
        if not member or any(ch.isspace() for ch in member):
            raise ValidationError(
                "a member code must be neither empty nor hold white space",
                vi="mã đơn vị không được để trống hoặc chứa khoảng trắng",
                field="members",
                value=member,
            )


@attrs.frozen(repr=False)
class UnitGroup:
    """A named group of units ranked against each other (khối, cụm thi đua): ``members``
    holds their codes.

    >>> g = UnitGroup("XA", "UBND xã, thị trấn", ["CT-AH", "CT-CT"])
    >>> g
    UnitGroup('XA', 'UBND xã, thị trấn', frozenset({'CT-AH', 'CT-CT'}))
    >>> "ct-ah" in g, len(g)
    (True, 2)
    """

    code: str = attrs.field(converter=to_nfc, validator=is_code)
    name: str = attrs.field(converter=to_nfc, validator=is_name)
    members: frozenset[str] = attrs.field(converter=_members, validator=_validate_members)
    _keys: frozenset[str] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_keys", frozenset(fold(m) for m in self.members))

    def __reduce__(self) -> tuple[type[UnitGroup], tuple[str, str, frozenset[str]]]:
        return UnitGroup, (self.code, self.name, self.members)

    def __repr__(self) -> str:
        return constructor_repr(self)

    def __str__(self) -> str:
        return self.name

    def __len__(self) -> int:
        return len(self.members)

    def __iter__(self) -> Iterator[str]:
        """The member codes, sorted."""
        return iter(sorted(self.members, key=lambda c: (fold(c), c)))

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and fold(code) in self._keys


def _groups(value: Iterable[UnitGroup]) -> tuple[UnitGroup, ...]:
    groups = sequence(value, "groups")
    for i, group in enumerate(groups):
        if not isinstance(group, UnitGroup):
            raise CchcTypeError(
                "must be a UnitGroup",
                vi="phải là một nhóm đơn vị",
                field=f"groups[{i}]",
                value=group,
            )
    return groups


def _validate_tree(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, UnitTree):
        raise CchcTypeError(
            "must be a UnitTree", vi="phải là một cây đơn vị", field=attribute.name, value=value
        )


@attrs.frozen(repr=False)
class Grouping:
    """The groups of a campaign over a unit tree. Every member must be a unit of the tree;
    with ``disjoint=True`` (the default) no unit may be in two groups. Every problem is
    reported at once in an :class:`~cchc.errors.InvalidDocumentError`.

    >>> tree = UnitTree([Unit("H", "Châu Thành", UnitKind.DISTRICT),
    ...                  Unit("NV", "Phòng Nội vụ", UnitKind.DISTRICT_OFFICE, parent="H"),
    ...                  Unit("X1", "An Hiệp", UnitKind.COMMUNE, parent="H")])
    >>> g = Grouping(tree, [UnitGroup("PB", "Phòng, ban, ngành huyện", ["NV"]),
    ...                     UnitGroup("XA", "UBND xã, thị trấn", ["X1"])])
    >>> g.group_of("nv").code
    'PB'
    >>> Grouping(tree, [UnitGroup("PB", "Phòng", ["NV", "X9"]), UnitGroup("XA", "Xã", ["NV"])])
    Traceback (most recent call last):
    ...
    cchc.errors.InvalidDocumentError: grouping: 2 problems
      error group.unknown-member at groups[0].members: ...
      error group.overlap at groups[1].members: ...
    """

    tree: UnitTree = attrs.field(validator=_validate_tree)
    groups: tuple[UnitGroup, ...] = attrs.field(converter=_groups)
    disjoint: bool = True

    def __attrs_post_init__(self) -> None:
        findings: list[Finding] = []
        seen_codes: dict[str, int] = {}
        owner: dict[str, int] = {}
        for i, group in enumerate(self.groups):
            key = fold(group.code)
            if key in seen_codes:
                j = seen_codes[key]
                findings.append(
                    Finding(
                        "group.duplicate-code",
                        f"groups[{i}].code",
                        f"Mã nhóm “{group.code}” trùng với mã của nhóm thứ {j + 1}",
                        f"group code {group.code!r} is already used by groups[{j}]",
                    )
                )
            else:
                seen_codes[key] = i
            for member in sorted(group.members):
                if member not in self.tree:
                    findings.append(
                        Finding(
                            "group.unknown-member",
                            f"groups[{i}].members",
                            f"Đơn vị “{member}” của nhóm “{group.code}” không có trong cây",
                            f"member {member!r} of group {group.code!r} is not in the tree",
                        )
                    )
                    continue
                unit = fold(member)
                if self.disjoint and unit in owner:
                    other = self.groups[owner[unit]].code
                    findings.append(
                        Finding(
                            "group.overlap",
                            f"groups[{i}].members",
                            f"Đơn vị “{member}” đã thuộc nhóm “{other}”",
                            f"unit {member!r} is already in group {other!r}",
                        )
                    )
                owner.setdefault(unit, i)
        if findings:
            raise InvalidDocumentError("grouping", findings)

    def __repr__(self) -> str:
        disjoint = "" if self.disjoint else ", disjoint=False"
        return f"Grouping({self.tree!r}, {list(self.groups)!r}{disjoint})"

    def __len__(self) -> int:
        return len(self.groups)

    def __iter__(self) -> Iterator[UnitGroup]:
        return iter(self.groups)

    def __contains__(self, code: object) -> bool:
        """Whether a group has this code."""
        return isinstance(code, str) and any(fold(g.code) == fold(code) for g in self.groups)

    def get(self, code: str) -> UnitGroup:
        """The group with this code; raise :class:`~cchc.errors.NotFoundError` if none."""
        key = fold(_read(code, "code"))
        for group in self.groups:
            if fold(group.code) == key:
                return group
        raise NotFoundError(
            "no group has this code", vi="không có nhóm nào mang mã này", field="code", value=code
        )

    def groups_of(self, unit_code: str) -> tuple[UnitGroup, ...]:
        """Every group the unit is in (empty if none), in the grouping's order."""
        unit = self.tree.get(unit_code)
        return tuple(g for g in self.groups if unit.code in g)

    def group_of(self, unit_code: str) -> UnitGroup:
        """The one group the unit is ranked in; raise :class:`~cchc.errors.NotFoundError` if
        it is in none or (when groups may overlap) in several."""
        found = self.groups_of(unit_code)
        if len(found) == 1:
            return found[0]
        what = "is in no group" if not found else f"is in {len(found)} groups"
        listed = "" if not found else ": " + ", ".join(g.code for g in found)
        what_vi = "không thuộc nhóm nào" if not found else f"thuộc {len(found)} nhóm"
        raise NotFoundError(
            f"{what}{listed}", vi=f"{what_vi}{listed}", field="unit_code", value=unit_code
        )

    def members(self, group_code: str) -> tuple[Unit, ...]:
        """The units of a group, in tree order."""
        group = self.get(group_code)
        return tuple(u for u in self.tree if u.code in group)

    def ungrouped(self, *kinds: UnitKind) -> tuple[Unit, ...]:
        """Units in no group, in tree order; with ``kinds``, only units of those kinds (to find
        the communes a campaign forgot).

        >>> tree = UnitTree([Unit("H", "Châu Thành", UnitKind.DISTRICT),
        ...                  Unit("X1", "An Hiệp", UnitKind.COMMUNE, parent="H"),
        ...                  Unit("X2", "An Khánh", UnitKind.COMMUNE, parent="H")])
        >>> g = Grouping(tree, [UnitGroup("XA", "Xã", ["X1"])])
        >>> [u.name for u in g.ungrouped(UnitKind.COMMUNE)]
        ['An Khánh']
        """
        grouped = {fold(m) for g in self.groups for m in g.members}
        return tuple(
            u for u in self.tree if fold(u.code) not in grouped and (not kinds or u.kind in kinds)
        )

    def _nearest(
        self, key: str | None, keys: set[str], nearest: dict[str | None, str | None]
    ) -> str | None:
        """The member (of ``keys``) at or above the unit ``key``; ``nearest`` remembers every
        unit walked, so a whole group costs one walk over the units above its members."""
        walked: list[str] = []
        while key not in nearest:
            assert key is not None
            if key in keys:
                nearest[key] = key
                break
            walked.append(key)
            key = self.tree._parent_key[key]
        found = nearest[key]
        for k in walked:
            nearest[k] = found
        return found

    def warnings(self) -> tuple[Finding, ...]:
        """What makes a ranking group unfair though not invalid, as warning findings: a group
        holding a unit and a unit above it (``group.nested``: the higher one's score covers
        the lower one's work), and a group mixing levels of the tree (``group.mixed-levels``:
        a department ranked with communes).

        >>> tree = UnitTree([Unit("H", "Châu Thành", UnitKind.DISTRICT),
        ...                  Unit("NV", "Phòng Nội vụ", UnitKind.DISTRICT_OFFICE, parent="H"),
        ...                  Unit("X1", "An Hiệp", UnitKind.COMMUNE, parent="H")])
        >>> [f.code for f in Grouping(tree, [UnitGroup("G", "Mixed", ["H", "X1"])]).warnings()]
        ['group.nested', 'group.mixed-levels']
        >>> Grouping(tree, [UnitGroup("G", "Phòng và xã", ["NV", "X1"])]).warnings()
        ()
        """
        out: list[Finding] = []
        for i, group in enumerate(self.groups):
            members = [self.tree.get(m) for m in sorted(group.members)]
            keys = {fold(u.code) for u in members}
            nearest: dict[str | None, str | None] = {None: None}  # the nearest member at or above
            for unit in members:
                above = self._nearest(self.tree._parent_key[fold(unit.code)], keys, nearest)
                if above is not None:
                    out.append(
                        Finding(
                            "group.nested",
                            f"groups[{i}].members",
                            f"Nhóm “{group.code}” có cả “{unit.code}” và đơn vị cấp trên "
                            f"“{self.tree._by_code[above].code}”",
                            f"group {group.code!r} holds {unit.code!r} and the unit above it, "
                            f"{self.tree._by_code[above].code!r}",
                            Severity.WARNING,
                        )
                    )
            depths = sorted({self.tree.depth(u.code) for u in members})
            if len(depths) > 1:
                out.append(
                    Finding(
                        "group.mixed-levels",
                        f"groups[{i}].members",
                        f"Nhóm “{group.code}” gồm đơn vị ở các cấp khác nhau "
                        f"(cấp {', '.join(map(str, depths))})",
                        f"group {group.code!r} mixes levels of the tree (depths {depths})",
                        Severity.WARNING,
                    )
                )
        return tuple(out)


def group_by_kind(
    tree: UnitTree, code: str, name: str, *kinds: UnitKind, within: str | None = None
) -> UnitGroup:
    """A group of every unit of the given kinds, or of those below the unit ``within``.

    >>> tree = UnitTree([
    ...     Unit("H1", "Châu Thành", UnitKind.DISTRICT),
    ...     Unit("H1-NV", "Phòng Nội vụ", UnitKind.DISTRICT_OFFICE, parent="H1"),
    ...     Unit("H2", "Lấp Vò", UnitKind.DISTRICT),
    ...     Unit("H2-NV", "Phòng Nội vụ", UnitKind.DISTRICT_OFFICE, parent="H2"),
    ... ])
    >>> group_by_kind(tree, "PB", "Phòng, ban, ngành huyện", UnitKind.DISTRICT_OFFICE,
    ...               within="H1")
    UnitGroup('PB', 'Phòng, ban, ngành huyện', frozenset({'H1-NV'}))
    """
    if not isinstance(tree, UnitTree):
        raise CchcTypeError(
            "must be a UnitTree", vi="phải là một cây đơn vị", field="tree", value=tree
        )
    if not kinds:
        raise ValidationError(
            "name at least one kind",
            vi="hãy nêu ít nhất một loại đơn vị",
            field="kinds",
            value=kinds,
        )
    wanted = _kinds(kinds, "kinds")
    pool = tree.units if within is None else tree.descendants(within)
    return UnitGroup(code, name, [u.code for u in pool if u.kind in wanted])
