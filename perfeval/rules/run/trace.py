"""What an evaluation leaves behind: its :class:`Outcome` and the :class:`TraceStep` records the
explanation is written from (:mod:`perfeval.rules.explain` knows each kind of step)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from .. import arith

__all__ = ["Outcome", "TraceStep"]


@attrs.frozen
class TraceStep:
    """One step of an evaluation: a kind (see :mod:`perfeval.rules.explain`) and its values."""

    kind: str
    args: tuple[Any, ...]


@attrs.frozen
class Outcome:
    """What an evaluation found: the rounded points (None while an assessor's judgement is missing), the
    allowed range then, the bonus part, a veto, the deduction carried to the total, and the trace."""

    points: Decimal | None
    trace: tuple[TraceStep, ...] = ()
    allowed: tuple[Decimal, Decimal] | None = None
    bonus: Decimal = arith.ZERO
    veto: str | None = None
    carried: Decimal = arith.ZERO
