"""Each field's published word (分值, 得分, 年初预算数 …) is stated once: in the model's attrs metadata.

The data-file schema and the .xlsx layout look the words up; these tests fail when a word is spelled
out a second time — a schema key that no field states, a field the schema misses, or a word written
as a literal in the data-file code or elsewhere in the model.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

from perfeval.datafile.schema import KIND, MODELS, SCHEMAS, TOTAL, TYPE
from perfeval.model import Project

PACKAGE = Path(__file__).resolve().parents[1] / "perfeval"

# Keys of the data files that are no field of the model, stated once in the schema module.
STRUCTURAL = {"evaluation": {KIND, TOTAL}, "indicator": {TYPE}}


def _fields(schema: str) -> Iterator[attrs.Attribute[Any]]:
    seen: set[str] = set()
    for cls in MODELS[schema]:
        for field in attrs.fields(cls):
            if field.name in seen or "zh" not in field.metadata:
                continue
            seen.add(field.name)
            # The 总分 row's fields sit in their own table; the others in the table of their class.
            if (schema == "total") == (field.metadata.get("in") == TOTAL):
                yield field


def _words_from_metadata(schema: str) -> set[str]:
    return {field.metadata["zh"] for field in _fields(schema)} | STRUCTURAL.get(schema, set())


@pytest.mark.parametrize("schema", sorted(SCHEMAS))
def test_schema_keys_are_the_words_of_the_fields(schema: str) -> None:
    assert set(SCHEMAS[schema]) == _words_from_metadata(schema)
    for field in _fields(schema):
        key = SCHEMAS[schema][field.metadata["zh"]]
        assert key.attr == field.name
        assert key.also == tuple(field.metadata.get("also", ()))


def test_every_field_with_a_word_is_in_a_schema() -> None:
    def belongs(schema: str, field: attrs.Attribute[Any]) -> bool:
        return (schema == "total") == (field.metadata.get("in") == TOTAL)

    covered = {
        (cls, field.name)
        for schema, classes in MODELS.items()
        for cls in classes
        for field in attrs.fields(cls)
        if "zh" in field.metadata and belongs(schema, field)
    }
    for cls in {cls for classes in MODELS.values() for cls in classes}:
        for field in attrs.fields(cls):
            if "zh" in field.metadata:
                assert (cls, field.name) in covered, (cls.__name__, field.name)


def _all_words() -> dict[str, str]:
    """Every published word and spelling → the field (or structural key) it belongs to."""
    out: dict[str, str] = {}
    for name, schema in SCHEMAS.items():
        for key in schema.values():
            for spelling in key.spellings:
                out.setdefault(spelling, f"{name}.{key.attr}")
    return out


def _literals(path: Path) -> Iterator[tuple[int, str, ast.AST | None]]:
    """String constants of a module that are not docstrings, with the dict key they are the value of."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    # Docstrings of modules, classes, functions and attributes: string expressions standing alone.
    docstrings = {
        id(stmt.value)
        for node in ast.walk(tree)
        for stmt in (node.body if isinstance(getattr(node, "body", None), list) else [])
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)
    }
    parents: dict[int, ast.AST | None] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            for k, v in zip(node.keys, node.values, strict=True):
                parents[id(v)] = k
                for inner in ast.walk(v):
                    parents.setdefault(id(inner), k)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value, parents.get(id(node))


# Text that is also an accepted spelling of a field but is no label of one, each with its reason.
# Nothing else in the data-file code or the model may spell a field's word out.
NOT_A_LABEL = {
    ("xlsx_write.py", "年度总体目标"): "the printed heading of the 预期目标 / 实际完成情况 block",
    ("xlsx_write.py", "楼堂馆所控制情况"): "the printed heading of the buildings block",
    ("xlsx_write.py", "上年结转资金"): "an example 其中 row (a source of money) of the blank template",
    ("xlsx_write.py", "年度"): "the sheet title 2023年度项目支出绩效自评表",
    ("fields.py", "年度"): "the suffix of a year written 2023年度",
}


def test_data_file_code_spells_no_field_word() -> None:
    words = _all_words()
    structural = {KIND, TYPE, "类型"}  # stated once, in the schema module
    found = []
    for path in sorted((PACKAGE / "datafile").glob("*.py")):
        for line, text, _ in _literals(path):
            if text not in words or (path.name, text) in NOT_A_LABEL:
                continue
            if path.name == "schema.py" and text in structural:
                continue
            found.append(f"{path.name}:{line}: {text!r} ({words[text]})")
    assert not found, "look these words up in the schema instead:\n" + "\n".join(found)


def test_model_states_each_word_only_in_field_metadata() -> None:
    words = _all_words()
    found = []
    for path in sorted((PACKAGE / "model").glob("*.py")):
        for line, text, key in _literals(path):
            if text not in words or (path.name, text) in NOT_A_LABEL:
                continue
            in_metadata = isinstance(key, ast.Constant) and key.value in ("zh", "also")
            if in_metadata or (path.name == "evaluation.py" and text == TOTAL):
                continue
            found.append(f"{path.name}:{line}: {text!r} ({words[text]})")
    assert not found, "state a field's word in its metadata only:\n" + "\n".join(found)


def test_the_total_row_is_named_once() -> None:
    assert {f.metadata["in"] for f in attrs.fields(Project) if "in" in f.metadata} == {TOTAL}
