"""Self-evaluation tables (自评表) as data files: TOML, JSON and .xlsx, read and written.

The keys are the Chinese words of the published tables (English aliases are accepted); the schema is
documented in ``docs/data-format.md``. Numbers are read exactly: TOML and JSON floats become Decimals
without passing through binary floats, and text such as ``"1439.13"`` is parsed as published.

Every error names what is wrong, quotes the offending text and says where it is: the key path and the
line for TOML/JSON, the sheet and cell (``自评表!G14``) for .xlsx.

One module per job: :mod:`~perfeval.datafile.schema` (which key holds which field; the words are the
model's field metadata), :mod:`~perfeval.datafile.read` and :mod:`~perfeval.datafile.write` (data ↔
model), :mod:`~perfeval.datafile.text` (TOML and JSON text, with the line of every key), and
:mod:`~perfeval.datafile.xlsx_read`, :mod:`~perfeval.datafile.xlsx_write` with the sheet layout they
share in :mod:`~perfeval.datafile.xlsx_layout`.

>>> ev = loads_evaluation('''
... "评价对象" = "项目"
... "名称" = "2021年国土变更调查工作"
... "年度" = 2022
... "评价体系" = "项目支出绩效自评表"
... [["指标"]]
... "三级指标" = "变更图斑"
... "年度指标值" = "21976个"
... "分值" = 5
... "得分" = "5"
... ''')
>>> ev.kind, ev.indicators[0].points, ev.indicators[0].target.comparator is None
('项目', Decimal('5'), True)
"""

from perfeval.datafile.read import (
    DataFileValueError,
    RateNumberError,
    evaluation_from_dict,
    load_evaluation,
    loads_evaluation,
)
from perfeval.datafile.schema import plain_text, show_path
from perfeval.datafile.text import json_positions, toml_positions
from perfeval.datafile.write import (
    dump_evaluation,
    dump_xlsx,
    dumps_evaluation,
    evaluation_to_dict,
    write_template_xlsx,
)

__all__ = [
    "DataFileValueError",
    "RateNumberError",
    "dump_evaluation",
    "dump_xlsx",
    "dumps_evaluation",
    "evaluation_from_dict",
    "evaluation_to_dict",
    "json_positions",
    "load_evaluation",
    "loads_evaluation",
    "plain_text",
    "show_path",
    "toml_positions",
    "write_template_xlsx",
]
