"""The message catalogs (issue 11, item 7): every message id the code uses has words in both languages,
with the same fields; nothing in a catalog is unused; the compiled ``.mo`` say what the ``.po`` say; a
checkout without ``.mo`` files reads the ``.po``; the build compiles them into the wheel."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from perfeval import i18n
from perfeval.errors import DataFileError, Location, PerfevalError

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "perfeval" / "locale"


def _po(lang: str) -> dict[str, str]:
    with (LOCALE / lang / "LC_MESSAGES" / "perfeval.po").open("rb") as f:
        return {m.id: m.string for m in read_po(f) if m.id}


def test_every_message_id_the_code_uses_has_words_in_both_catalogs() -> None:
    used = set(i18n.extract())
    assert len(used) > 250  # the rules language, data files, the model, rubrics, the commands
    for lang in i18n.LOCALES:
        words = _po(lang)
        assert sorted(used - set(words)) == [], f"{lang}: ids without words (python -m perfeval.i18n update)"
        assert sorted(set(words) - used) == [], f"{lang}: ids no code uses"
        assert [i for i, w in words.items() if not w.strip()] == [], f"{lang}: empty words"


def test_both_languages_fill_in_the_same_values() -> None:
    zh, en = _po("zh_CN"), _po("en")
    assert set(zh) == set(en)
    differ = {i: (sorted(i18n.fields(zh[i])), sorted(i18n.fields(en[i]))) for i in zh
              if i18n.fields(zh[i]) != i18n.fields(en[i])}
    assert differ == {}


def test_english_words_are_not_the_chinese_ones() -> None:
    zh, en = _po("zh_CN"), _po("en")
    same = [i for i in zh if zh[i] == en[i] and any("\u4e00" <= c <= "\u9fff" for c in zh[i])]
    # the table's own terms, which English shows as printed (as in "the 三级指标 under it")
    assert {zh[i] for i in same} <= {"分值", "一级指标"}


def test_the_checker_reports_nothing() -> None:
    assert i18n.problems() == []


def test_compiled_catalogs_say_what_the_po_files_say(tmp_path: Path) -> None:
    written = i18n.compile_catalogs(LOCALE, tmp_path)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in written) == [
        "en/LC_MESSAGES/perfeval.mo", "zh_CN/LC_MESSAGES/perfeval.mo"]
    for lang, mo in zip(i18n.LOCALES, written, strict=True):
        with mo.open("rb") as f:
            assert {m.id: m.string for m in read_mo(f) if m.id} == _po(lang)
    # Any .mo beside the package (an editable install, `python -m perfeval.i18n compile`) is up to date too.
    for lang in i18n.LOCALES:
        beside = Path(i18n.LOCALE_DIR) / lang / "LC_MESSAGES" / "perfeval.mo"
        if beside.is_file():
            with beside.open("rb") as f:
                assert {m.id: m.string for m in read_mo(f) if m.id} == _po(lang), f"{beside} is out of date"


def test_a_checkout_without_mo_files_reads_the_po_files(tmp_path: Path) -> None:
    # A fresh clone: perfeval/ copied without any .mo, imported in a new interpreter.
    shutil.copytree(ROOT / "perfeval", tmp_path / "perfeval", ignore=shutil.ignore_patterns("*.mo", "__pycache__"))
    shutil.copytree(ROOT / "grammar", tmp_path / "grammar")
    assert not list((tmp_path / "perfeval").rglob("*.mo"))
    code = ("from perfeval.i18n import render; import perfeval.i18n as m; "
            "print(m.__file__); print(render('no_band', 'en', value='87%', gaps='x'))")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    where, words = out.stdout.splitlines()
    assert where.startswith(str(tmp_path)) and words == "no band covers 87% (values outside every band: x)"


def test_the_compiled_catalog_is_read_unless_its_po_is_newer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(LOCALE, tmp_path / "locale", ignore=shutil.ignore_patterns("*.mo"))
    i18n.compile_catalogs(tmp_path / "locale")
    po = tmp_path / "locale" / "en" / "LC_MESSAGES" / "perfeval.po"
    po.write_text(po.read_text(encoding="utf-8").replace('"the standard is empty"', '"EMPTY!"'), encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path / "locale")
    mo = po.with_suffix(".mo")
    try:
        os.utime(po, (mo.stat().st_mtime, mo.stat().st_mtime))  # as an installer writes them: together
        i18n._load.cache_clear()
        assert i18n.render("empty", "en") == "the standard is empty"  # the compiled words are the ones read
        later = mo.stat().st_mtime + 60  # the .po edited a minute after it was compiled
        os.utime(po, (later, later))
        i18n._load.cache_clear()
        assert i18n.render("empty", "en") == "EMPTY!"  # the .po is newer than the .mo: the .po wins
    finally:
        monkeypatch.undo()
        i18n._load.cache_clear()
    assert i18n.render("empty", "en") == "the standard is empty"


def test_add_and_update_write_both_catalogs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(LOCALE, tmp_path / "locale", ignore=shutil.ignore_patterns("*.mo"))
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path / "locale")
    i18n._load.cache_clear()
    try:
        assert i18n._main(["add", "zz_new", "新的 {x}", "new {x}"]) == 0
        assert (i18n.render("zz_new", x=1), i18n.render("zz_new", "en", x=1)) == ("新的 1", "new 1")
        assert any("'zz_new' is used nowhere" in p for p in i18n.problems())
        po = tmp_path / "locale" / "en" / "LC_MESSAGES" / "perfeval.po"
        po.write_text(po.read_text(encoding="utf-8").replace('msgid "no_band"', 'msgid "no_band_old"'),
                      encoding="utf-8")
        i18n._main(["update"])  # the id the code uses is back, with empty words for a person to write
        i18n._load.cache_clear()
        assert "en: empty words for 'no_band'" in i18n.problems()
    finally:
        monkeypatch.undo()
        i18n._load.cache_clear()


def test_the_build_hook_compiles_the_catalogs_into_the_wheel(tmp_path: Path) -> None:
    # The wheel as `pip install .` builds it (hatchling runs hatch_build.py): compiled catalogs inside.
    subprocess.run([sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)], cwd=ROOT,
                   check=True, capture_output=True)
    (wheel,) = tmp_path.glob("perfeval-*.whl")
    with zipfile.ZipFile(wheel) as z:
        for lang in i18n.LOCALES:
            mo = z.read(f"perfeval/locale/{lang}/LC_MESSAGES/perfeval.mo")
            assert {m.id: m.string for m in read_mo(io.BytesIO(mo)) if m.id} == _po(lang)
    assert "perfeval/locale/*/LC_MESSAGES/*.mo" in (ROOT / ".gitignore").read_text(encoding="utf-8")


def test_the_machine_locale_is_never_consulted(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.setenv(name, "en_US.UTF-8")
    assert i18n.render("no_points") == "评分标准没有说明如何得分"
    assert str(DataFileError("data_json_one_object", location=Location(path="a.json", line=1))) == \
        "JSON 数据文件应为一个对象（a.json，第 1 行）"


def test_an_error_keeps_its_id_and_values_and_shows_in_either_language() -> None:
    err = DataFileError("data_characters", text="big.toml", count=20)
    assert err.code == "data_characters" and err.params == {"count": 20}
    assert err.describe() == "20 个字符：'big.toml'"
    assert err.describe("en_US") == "20 characters: 'big.toml'"
    # a message that is not an id (code outside perfeval) is shown as it is, in every language
    plain = PerfevalError("something odd", text="x")
    assert plain.code is None and plain.message_in("en") == "something odd"


def test_a_message_value_is_shown_in_the_language_of_the_message() -> None:
    inner = i18n.Message("data_top_level")
    outer = DataFileError("data_missing_key", where=inner, text="名称")
    assert outer.message_in("en") == "top level: missing required key"
    assert outer.message_in() == "顶层：缺少必需的键"


def test_showing_a_message_never_raises() -> None:
    assert i18n.render("no_band", "en") == "no band covers {value} (values outside every band: {gaps})"
    assert i18n.render("no_such_id", "en") == "no_such_id"


def test_extraction_reads_ids_from_calls_hints_and_both_branches() -> None:
    source = b'''
fail("first_id", span)
self.error(path, "second_id", raw)
x = N_("third_id") if a else N_("fourth_id")
RuleError(code, hint="hint_id")
DataFileError("a sentence, not an id")
render(code, "en")
'''
    found = [m for _, _, m, _ in i18n.extract_ids(io.BytesIO(source))]
    assert sorted(found) == ["first_id", "fourth_id", "hint_id", "second_id", "third_id"]


def test_adding_a_message_never_changes_the_words_of_an_id_already_there(capsys: pytest.CaptureFixture[str]) -> None:
    """`python -m perfeval.i18n add` overwrote an id's words silently (a helper clobbered `units_differ`, which
    perfeval/model/indicators.py uses): without --replace it refuses, and nothing is written."""
    from perfeval import i18n

    before = {lang: i18n._paths(lang)[0].read_bytes() for lang in i18n.LOCALES}
    assert i18n._main(["add", "no_points", "别的话", "other words"]) == 1
    assert "--replace" in capsys.readouterr().err
    assert {lang: i18n._paths(lang)[0].read_bytes() for lang in i18n.LOCALES} == before
