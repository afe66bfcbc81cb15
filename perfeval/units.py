"""The units the documents count in, in one pint registry with exact Decimal magnitudes.

Areas (亩 公顷 平方米 平方公里), money (元 千元, and 万元 亿元 through the 万/亿 multipliers), lengths,
volumes, masses, times, rates (% ‰ 个百分点) and the count nouns (个 处 宗 人次 …). Every conversion that
is defined is exact in Decimal: the area base is the 亩, so that 公顷 (15 亩) and 平方米 (0.0015 亩) are
finite multiples of it, and 91.22公顷 is exactly 1368.3亩.

Two things never mix silently. Different count nouns are different dimensions (3个 and 3处 cannot be
compared). Units with no exact relation (a 工作日 is not a 天, a 月 is not 30 天) are separate too.

Internal names are ASCII (``mu``, ``hectare``, ``yuan``, ``ge``, ``chu``…) so that pint's own parser
and repr stay predictable; the Chinese spellings are registered as aliases (``q.to("元")`` works) and
are what :func:`label` prints.

>>> unit("万元"), unit("元/宗"), unit("个百分点")
(<Unit('wanyuan')>, <Unit('yuan / zong')>, <Unit('percentage_point')>)
>>> convert(registry().Quantity(Decimal("91.22"), unit("公顷")), "亩")
<Quantity(1368.3, 'mu')>
"""

from __future__ import annotations

import functools
import threading
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeAlias, cast

import attrs

from perfeval.errors import Location, UnitError
from perfeval.i18n import Localized, render
from perfeval.numbers import exact_div, plain, strip_zeros, to_decimal
from perfeval.text import Normalized, normalize

__all__ = [
    "Quantity",
    "Unit",
    "UnitSpec",
    "convert",
    "is_percent",
    "is_plain_number",
    "label",
    "make_quantity",
    "match_unit",
    "multiplied",
    "reference_unit",
    "register_count_noun",
    "specs",
    "strip_multipliers",
    "to_reference",
    "unit",
    "unit_in",
    "ureg",
]

if TYPE_CHECKING:
    import pint
    from pint.facets.plain import PlainUnit

    #: A pint quantity whose magnitude is a Decimal. Build them with :func:`make_quantity` or
    #: :func:`perfeval.quantities.quantity`; check them with ``isinstance(x, pint.Quantity)``.
    Quantity: TypeAlias = pint.Quantity[Decimal]
    #: A pint unit of :data:`ureg` (``q.units`` is typed as pint's PlainUnit, the base of ``ureg.Unit``).
    Unit: TypeAlias = PlainUnit
    #: The one registry (built at first use: see :func:`registry`).
    ureg: pint.UnitRegistry[Decimal]

_REGISTRY: Any = None
_DEFINITIONS: list[str] = []  # every definition made, in order: the registry is built from them when first needed
_BUILDING = threading.Lock()


def registry() -> pint.UnitRegistry[Decimal]:
    """The one registry, built the first time a unit is needed, so that ``import perfeval`` does not load pint.

    ``None`` loads none of pint's default units: "m" is 米 here, and nothing else (no "mu" for micro, no
    "percent" defined as a float) can shadow a domain unit. ``perfeval.units.ureg`` is the same registry.

    >>> registry() is registry()
    True
    """
    global _REGISTRY
    if _REGISTRY is None:
        with _BUILDING:
            if _REGISTRY is None:
                import pint

                built: pint.UnitRegistry[Decimal] = pint.UnitRegistry(None, non_int_type=Decimal, cache_folder=None)
                for definition in _DEFINITIONS:
                    built.define(definition)
                _REGISTRY = built
    return cast("pint.UnitRegistry[Decimal]", _REGISTRY)


def _define(definition: str) -> None:
    with _BUILDING:
        _DEFINITIONS.append(definition)
        if _REGISTRY is not None:
            _REGISTRY.define(definition)


def __getattr__(name: str) -> Any:
    """``ureg``, ``Quantity`` and ``Unit`` load pint when first asked for."""
    if name == "ureg":
        return registry()
    if name == "Quantity":
        import pint

        return pint.Quantity
    if name == "Unit":
        from pint.facets.plain import PlainUnit

        return PlainUnit
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@attrs.frozen
class UnitSpec:
    """One unit: its ASCII pint name, its Chinese and English labels, and the spellings that mean it.

    ``definition`` is pint's right-hand side: ``"[money]"`` for a base unit, ``"15 * mu"`` for a multiple.
    ``multipliable`` says whether 万/亿 may stand in front of it (万元 yes, 万% no).
    """

    name: str
    zh: str
    en: str
    definition: str
    aliases: tuple[str, ...] = ()
    multipliable: bool = True
    reference: str | None = None


def _count(name: str, zh: str, en: str, *aliases: str) -> UnitSpec:
    # Each count noun is a dimension of its own: 个 and 处 count different things.
    return UnitSpec(name, zh, en, f"[count_{name}]", aliases)


_SPECS: list[UnitSpec] = [
    # area — the 亩 is the base so that every listed conversion is a finite decimal multiple
    UnitSpec("mu", "亩", "mu", "[area]"),
    UnitSpec("hectare", "公顷", "ha", "15 * mu", ("ha",), reference="mu"),
    UnitSpec("square_meter", "平方米", "m²", "0.0015 * mu", ("m2", "平米", "平方"), reference="mu"),
    UnitSpec("square_kilometer", "平方公里", "km²", "1500 * mu", ("km2", "平方千米"), reference="mu"),
    # money
    UnitSpec("yuan", "元", "yuan", "[money]", ("人民币元",)),
    UnitSpec("qian_yuan", "千元", "thousand yuan", "1000 * yuan", multipliable=False, reference="yuan"),
    # length and volume (volume is its own dimension: area is counted in 亩, not in m·m)
    UnitSpec("meter", "米", "m", "[length]", ("m",)),
    UnitSpec("centimeter", "厘米", "cm", "0.01 * meter", ("cm",), reference="meter"),
    UnitSpec("kilometer", "公里", "km", "1000 * meter", ("千米", "km"), reference="meter"),
    UnitSpec("cubic_meter", "立方米", "m³", "[volume]", ("m3", "立方")),
    # mass
    UnitSpec("kilogram", "公斤", "kg", "[mass]", ("千克", "kg")),
    UnitSpec("gram", "克", "g", "0.001 * kilogram", reference="kilogram"),
    UnitSpec("jin", "斤", "jin", "0.5 * kilogram", ("市斤",), reference="kilogram"),
    UnitSpec("ton", "吨", "t", "1000 * kilogram", reference="kilogram"),
    UnitSpec("milligram", "毫克", "mg", "0.000001 * kilogram", ("mg",), reference="kilogram"),
    UnitSpec("microgram", "微克", "µg", "0.000000001 * kilogram", ("μg", "ug"), reference="kilogram"),
    UnitSpec("liter", "升", "L", "0.001 * cubic_meter", ("L", "公升"), reference="cubic_meter"),
    # time: the minute is the base so hours and days are exact multiples; months and working days
    # have no exact relation to days and are dimensions of their own.
    UnitSpec("minute", "分钟", "min", "[time]", reference="day"),
    UnitSpec("hour", "小时", "h", "60 * minute", ("个小时", "钟头"), reference="day"),
    UnitSpec("day", "天", "days", "1440 * minute", ("日", "自然日")),
    UnitSpec("week", "周", "weeks", "7 * day", ("星期", "个星期"), reference="day"),
    UnitSpec("workday", "工作日", "working days", "[workday]", ("个工作日",)),
    UnitSpec("month", "月", "months", "[month]", ("个月",)),
    UnitSpec("quarter", "季度", "quarters", "3 * month", ("个季度",), reference="month"),
    UnitSpec("year", "年", "years", "12 * month", reference="month"),
    # rates: dimensionless multiples; 个百分点 is a difference of rates, numerically a percent
    UnitSpec("percent", "%", "%", "0.01", (), multipliable=False, reference=""),
    UnitSpec("permille", "‰", "‰", "0.001", (), multipliable=False, reference=""),
    UnitSpec("percentage_point", "个百分点", "percentage points", "0.01", ("百分点",), False, ""),
    # bare multipliers, as in "97万" when the 元 went to another line of the cell
    UnitSpec("ten_thousand", "万", "× 10⁴", "10000", (), multipliable=False, reference=""),
    UnitSpec("hundred_million", "亿", "× 10⁸", "100000000", (), multipliable=False, reference=""),
    # count nouns (量词) — each a dimension of its own
    _count("ge", "个", "items"),
    _count("fen", "份", "copies"),
    _count("zong", "宗", "lots"),
    _count("ben", "本", "volumes"),
    _count("jian", "件", "pieces"),
    _count("chu", "处", "sites"),
    _count("ci", "次", "times"),
    _count("ren", "人", "persons", "名", "位"),
    _count("hu", "户", "households"),
    _count("renci", "人次", "person-times"),
    _count("changci", "场次", "sessions"),
    _count("chang", "场", "events"),
    _count("qi", "起", "cases"),
    _count("zhu", "株", "plants"),
    _count("tiao", "条", "lines"),
    _count("xiang", "项", "entries"),
    _count("jia", "家", "organisations"),
    _count("pici", "批次", "batches"),
    _count("suo", "所", "institutions"),
    _count("zhi", "只", "units"),
    _count("pian", "篇", "articles"),
    _count("qishu", "期", "issues"),
    _count("zuo", "座", "structures"),
    _count("tai", "台", "machines"),
    _count("tao", "套", "sets"),
    _count("liang", "辆", "vehicles"),
    _count("kuai", "块", "blocks"),
    _count("zhang", "张", "sheets"),
    _count("ke", "棵", "trees"),
    _count("bi", "笔", "transactions"),
    _count("lei", "类", "categories"),
    _count("dong", "栋", "buildings"),
    _count("room", "间", "rooms"),
    _count("li", "例", "instances"),
    _count("ce", "册", "booklets"),
    _count("pianqu", "片", "areas"),
    _count("dan", "单", "orders"),
    _count("taici", "台次", "machine-times"),
    _count("huci", "户次", "household-times"),
    _count("zhong", "种", "kinds"),
    # ages are counted in years of age, not the 年 of a calendar: a dimension of their own
    UnitSpec("sui", "岁", "years of age", "[age]", ("周岁",)),
]

# 万/亿 in front of a unit: pint prefixes, so that 519.84万亩 keeps the unit the author wrote.
_MULTIPLIERS: dict[str, tuple[str, str, int]] = {  # spelling → (pint prefix, English, power of ten)
    "万亿": ("wanyi", "10¹² ", 12),
    "万": ("wan", "10⁴ ", 4),
    "亿": ("yi", "10⁸ ", 8),
}
_PREFIX_ZH = {prefix: zh for zh, (prefix, _en, _p) in _MULTIPLIERS.items()}
_PREFIX_EN = {prefix: en for _zh, (prefix, en, _p) in _MULTIPLIERS.items()}

_BY_NAME: dict[str, UnitSpec] = {}
_LEXICON: dict[str, str] = {}  # normalised spelling → pint name
_KEYS_BY_LENGTH: list[str] = []  # lexicon keys, longest first, for longest-match lexing


def _register(spec: UnitSpec) -> None:
    spellings = [spec.zh, *spec.aliases]
    for s in spellings:
        key = normalize(s).text
        if key in _LEXICON or spec.name in _BY_NAME:
            raise UnitError("unit_spelling_defined", text=s)
    # Only identifier-like spellings go to pint (its parser tokenises like Python); every spelling
    # is accepted by our own parser, which is the one that reads documents.
    pint_aliases = [s for s in dict.fromkeys(spellings) if s.isidentifier() and s != spec.name]
    _define(" = ".join([spec.name, spec.definition, "_", *pint_aliases]))
    _BY_NAME[spec.name] = spec
    for s in spellings:
        _LEXICON[normalize(s).text] = spec.name
    _KEYS_BY_LENGTH[:] = sorted(_LEXICON, key=len, reverse=True)


for _zh, (_prefix, _en, _power) in _MULTIPLIERS.items():
    _define(f"{_prefix}- = {10**_power} = {_zh}-")
for _spec in _SPECS:
    _register(_spec)


def register_count_noun(zh: str, name: str, en: str) -> Unit:
    """Add a count noun (量词) the tables use and perfeval does not know yet; it becomes its own dimension.

    Registering the same noun again returns it; a spelling or name already taken is a :class:`UnitError`.

    >>> register_count_noun("羽", "yu_feather", "birds")
    <Unit('yu_feather')>
    >>> unit("万羽")
    <Unit('wanyu_feather')>
    """
    if not name.isidentifier() or not name.isascii() or name.startswith(("wan", "yi")):
        raise UnitError("unit_bad_name", text=name)
    spec = _count(name, zh, en)
    if _BY_NAME.get(name) == spec:
        return registry().Unit(name)  # registering the same noun twice is harmless
    _register(spec)
    return registry().Unit(name)


def specs() -> tuple[UnitSpec, ...]:
    """Every unit the registry knows, in definition order (for documentation and tools).

    >>> [s.zh for s in specs()][:4]
    ['亩', '公顷', '平方米', '平方公里']
    """
    return tuple(_BY_NAME.values())


# --- parsing -----------------------------------------------------------------------------------------


def _error(norm: Normalized, index: int, message: str, **params: Any) -> UnitError:
    line, column = norm.line_col(index)
    where = Location(column=column) if line == 1 else Location(line=line, column=column)
    return UnitError(message, text=norm.original, location=where, **params)


def _one_unit(key: str) -> str | None:
    """The pint name for one unit spelling, with an optional 万/亿 multiplier in front."""
    if key in _LEXICON:
        return _LEXICON[key]
    for zh, (prefix, _en, _power) in _MULTIPLIERS.items():
        if key.startswith(zh) and key[len(zh) :] in _LEXICON:
            base = _LEXICON[key[len(zh) :]]
            if _BY_NAME[base].multipliable:
                return prefix + base
    return None


def unit_in(norm: Normalized, start: int, end: int) -> Unit:
    """The unit written in ``norm.text[start:end]`` (spaces inside are ignored: table cells wrap).

    This is the core of :func:`unit` for lexers that already hold a :class:`~perfeval.text.Normalized`
    text; errors point into its original.

    >>> n = normalize("12 立方 米")
    >>> unit_in(n, 2, len(n.text))
    <Unit('cubic_meter')>
    """
    # Work on the characters that are not spaces, remembering where each came from.
    kept = [(ch, i) for i, ch in enumerate(norm.text[start:end], start) if not ch.isspace()]
    if not kept:
        raise _error(norm, start, "unit_missing")
    parts: list[list[tuple[str, int]]] = [[]]
    for ch, i in kept:
        if ch == "/":
            parts.append([])
        else:
            parts[-1].append((ch, i))
    result: Unit | None = None
    for n, part in enumerate(parts):
        if not part:
            where = kept[-1][1] if n == len(parts) - 1 else start
            raise _error(norm, where, "unit_missing_slash")
        key = "".join(ch for ch, _ in part)
        name = _one_unit(key)
        if name is None:
            raise _error(norm, part[0][1], "unit_unknown", key=key)
        u = registry().Unit(name)
        result = u if result is None else result / u
    assert result is not None
    return result


def unit(text: str) -> Unit:
    """The unit spelled ``text``: a Chinese name (亩 万元 人次 个百分点), a symbol (% ‰ ㎡ m² km), or
    ``a/b`` (元/宗). 万, 亿 and 万亿 may stand in front of any unit but the rates.

    >>> unit("万人次"), unit("㎡"), unit("%")
    (<Unit('wanrenci')>, <Unit('square_meter')>, <Unit('percent')>)
    >>> unit("斤斤")
    Traceback (most recent call last):
    ...
    perfeval.errors.UnitError: 未知的单位 '斤斤'：'斤斤'（第 1 列）
    """
    norm = _prepare(text)
    return unit_in(norm, 0, len(norm.text))


def _prepare(text: str) -> Normalized:
    # "m <sup>2</sup>" survives from HTML tables; NFKC already turns "²" into "2".
    return normalize(text.replace("<sup>", "").replace("</sup>", ""))


def match_unit(text: str, pos: int = 0) -> tuple[Unit, int] | None:
    """The longest unit spelled at ``text[pos:]`` (already normalised) and where it ends, or ``None``.

    For lexers reading running text: ``"146 次、3000 人"`` has 次 at 4. A ``/`` joins a second unit
    (元/宗). Longest match means 人次 is not read as 人, and 个百分点 not as 个.

    >>> match_unit("3000人次,", 4)
    (<Unit('renci')>, 6)
    >>> match_unit("处理", 0) is None, match_unit("190元/宗", 3)
    (False, (<Unit('yuan / zong')>, 6))
    """
    first = _match_one(text, pos)
    if first is None:
        return None
    name, end = first
    u = registry().Unit(name)
    if end < len(text) and text[end] == "/":
        second = _match_one(text, end + 1)
        if second is not None:
            u, end = u / registry().Unit(second[0]), second[1]
    return u, end


def _match_one(text: str, pos: int) -> tuple[str, int] | None:
    best: tuple[str, int] | None = None
    for zh, (prefix, _en, _power) in (("", ("", "", 0)), *_MULTIPLIERS.items()):
        if not text.startswith(zh, pos):
            continue
        at = pos + len(zh)
        for key in _KEYS_BY_LENGTH:
            if text.startswith(key, at):
                name = _LEXICON[key]
                if prefix and not _BY_NAME[name].multipliable:
                    continue
                if best is None or at + len(key) > best[1]:
                    best = (prefix + name, at + len(key))
                break
    return best


# --- quantities --------------------------------------------------------------------------------------


def make_quantity(value: Decimal | int | float | str, unit_text: str | Unit = "") -> Quantity:
    """A quantity with an exact Decimal magnitude; ``unit_text`` empty means a plain number.

    >>> make_quantity("29.9", "万元"), make_quantity(0.5)
    (<Quantity(29.9, 'wanyuan')>, <Quantity(0.5, 'dimensionless')>)
    """
    u = unit_text if not isinstance(unit_text, str) else (unit(unit_text) if unit_text else registry().Unit(""))
    return registry().Quantity(to_decimal(value), u)


def _split(name: str) -> tuple[str, UnitSpec]:
    prefix, base, _suffix = registry().parse_unit_name(name)[0]
    return prefix, _BY_NAME[base]


def _items(u: Unit) -> list[tuple[str, int]]:
    out = []
    for name, exp in registry().Quantity(Decimal(1), u).unit_items():
        if not isinstance(exp, Decimal | int) or exp != int(exp):
            raise UnitError("unit_whole_powers", text=str(u))
        out.append((name, int(exp)))
    return out


def multiplied(u: Unit, multiplier: str) -> Unit:
    """``u`` with 万, 亿 or 万亿 in front: 元 → 万元 (a prefixed unit, so it prints as written); a unit
    that cannot take a multiplier (%, a compound) is multiplied by the bare 万 instead.

    >>> multiplied(unit("元"), "万"), multiplied(unit("元/宗"), "万")
    (<Unit('wanyuan')>, <Unit('ten_thousand * yuan / zong')>)
    """
    if multiplier not in _MULTIPLIERS:
        raise UnitError("unit_not_multiplier", text=multiplier)
    items = _items(u)
    if len(items) == 1 and items[0][1] == 1:
        prefix, spec = _split(items[0][0])
        if not prefix and spec.multipliable:
            return registry().Unit(_MULTIPLIERS[multiplier][0] + spec.name)
    bare = {"万": "ten_thousand", "亿": "hundred_million"}.get(multiplier)
    if bare is None:
        return cast("Unit", registry().Unit("ten_thousand") * registry().Unit("hundred_million") * u)
    return cast("Unit", registry().Unit(bare) * u)


def is_percent(u: Unit) -> bool:
    """Whether ``u`` is a rate unit: %, ‰ or 个百分点 (dimensionless, but not a plain number).

    >>> is_percent(unit("%")), is_percent(unit("个百分点")), is_percent(registry().Unit(""))
    (True, True, False)
    """
    return _is_percent(u)


@functools.lru_cache(maxsize=1024)
def _is_percent(u: Unit) -> bool:
    # by the unit alone, and asked of every cell of a table: once per unit and process
    return any(_split(name)[1].name in ("percent", "permille", "percentage_point") for name, _ in _items(u))


def is_plain_number(u: Unit) -> bool:
    """Whether ``u`` is no unit at all (possibly scaled by 万/亿): a number written without a unit.

    >>> is_plain_number(registry().Unit("")), is_plain_number(unit("万")), is_plain_number(unit("%"))
    (True, True, False)
    """
    return bool(u.dimensionless) and not is_percent(u)


def strip_multipliers(u: Unit) -> Unit:
    """``u`` without its 万/亿 multipliers: 万元 → 元, 万亩 → 亩, 万 → no unit.

    >>> strip_multipliers(unit("万元/宗")), strip_multipliers(unit("万"))
    (<Unit('yuan / zong')>, <Unit('dimensionless')>)
    """
    result = registry().Unit("")
    for name, exp in _items(u):
        _prefix, spec = _split(name)
        if spec.name in ("ten_thousand", "hundred_million"):
            continue
        result = result * registry().Unit(spec.name) ** exp
    return result


def reference_unit(u: Unit) -> Unit:
    """The unit perfeval reports ``u``'s dimension in: 亩 for areas, 元 for money, 米, 立方米, 公斤, 天,
    月; rates and multipliers become plain numbers; counts stay themselves.

    >>> reference_unit(unit("公顷")), reference_unit(unit("万元/宗")), reference_unit(unit("%"))
    (<Unit('mu')>, <Unit('yuan / zong')>, <Unit('dimensionless')>)
    """
    result = registry().Unit("")
    for name, exp in _items(u):
        spec = _split(name)[1]
        ref = spec.name if spec.reference is None else spec.reference
        if ref:
            result = result * registry().Unit(ref) ** exp
    return result


def convert(q: Quantity, unit_text: str | Unit) -> Quantity:
    """``q`` in another unit, computed exactly in Decimal (never through pint's float paths).

    >>> convert(make_quantity("29.9", "万元"), "元").magnitude
    Decimal('299000')
    >>> convert(make_quantity(3, "个"), "处")
    Traceback (most recent call last):
    ...
    perfeval.errors.UnitError: 无法把个换算为处：'3个'
    """
    target = unit_text if not isinstance(unit_text, str) else unit(unit_text)
    magnitude = to_decimal(q.magnitude)
    if q.dimensionality != target.dimensionality:
        raise UnitError("unit_cannot_convert", text=plain(magnitude) + label(q.units),
                        source=_words(q.units), target=_words(target))
    src_factor, _ = registry().get_root_units(q.units)
    dst_factor, _ = registry().get_root_units(target)
    value = exact_div(magnitude * to_decimal(_decimal_factor(src_factor)), _decimal_factor(dst_factor))
    return registry().Quantity(strip_zeros(value), target)


def _words(u: Unit) -> Localized:
    """How ``u`` is written in the locale of the message it fills in."""
    return Localized(lambda locale: label(u, locale or "zh_CN") or render("plain_number", locale))


def _decimal_factor(factor: object) -> Decimal:
    # Root factors are built from our definitions, so they are Decimal or int; refuse anything else
    # rather than let a float into the arithmetic.
    if isinstance(factor, Decimal | int) and not isinstance(factor, bool):
        return Decimal(factor)
    raise UnitError("unit_inexact_factor", text=repr(factor))


def to_reference(q: Quantity) -> Quantity:
    """``q`` in its :func:`reference_unit`: 91.22公顷 → 1368.3亩, 95% → 0.95, 29.9万元 → 299000元.

    >>> to_reference(make_quantity("95", "%")).magnitude
    Decimal('0.95')
    """
    return convert(q, reference_unit(q.units))


# --- labels ------------------------------------------------------------------------------------------


def _singular(plural: str) -> str:
    # "yuan/lot", not "yuan/lots": a denominator names one of the thing.
    if plural.endswith("ies"):
        return plural[:-3] + "y"
    if plural.endswith(("ches", "shes", "xes", "sses")):
        return plural[:-2]
    if plural.endswith("s") and not plural.endswith("ss") and len(plural) > 2:
        return plural[:-1]
    return plural


_SUPERSCRIPTS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def label(u: Unit, locale: str = "zh_CN") -> str:
    """How ``u`` is written: Chinese (``万元``, ``元/宗``, ``%``) or, for other locales, English
    (``10⁴ yuan``, ``yuan/lot``). A plain number has an empty label.

    >>> label(unit("万亩")), label(unit("元/宗")), label(unit("亩"), "en"), label(registry().Unit(""))
    ('万亩', '元/宗', 'mu', '')
    """
    zh = locale.lower().startswith("zh")
    top: list[str] = []
    bottom: list[str] = []
    for name, exp in _items(u):
        prefix, spec = _split(name)
        if zh:
            text = _PREFIX_ZH.get(prefix, "") + spec.zh
        else:
            text = _PREFIX_EN.get(prefix, "") + (spec.en if exp > 0 else _singular(spec.en))
        power = abs(exp)
        if power != 1:
            text += str(power).translate(_SUPERSCRIPTS)
        (top if exp > 0 else bottom).append(text)
    joiner = "·" if zh else " "
    out = joiner.join(top) or ("" if not bottom else "1")
    return out + "".join("/" + b for b in bottom)
