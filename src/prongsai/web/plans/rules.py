"""The plans app's rules, read once from rules.toml: statuses, roll-up, flags, evidence, report kinds."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

RULES_FILE = Path(__file__).with_name("rules.toml")


@dataclass(frozen=True)
class Status:
    code: str
    th: str
    en: str
    counts_in_rollup: bool
    closed: bool


@dataclass(frozen=True)
class ReportKind:
    kind: str
    th: str
    en: str
    months: int


@dataclass(frozen=True)
class Rules:
    statuses: tuple[Status, ...]
    default_weight: Decimal
    no_update_percent: Decimal
    decimals: int
    stalled_after_days: int
    overdue_grace_days: int
    evidence_max_bytes: int
    evidence_extensions: frozenset[str]
    reports: tuple[ReportKind, ...]

    def status(self, code: str) -> Status:
        for s in self.statuses:
            if s.code == code:
                return s
        raise KeyError(code)

    def report(self, kind: str) -> ReportKind:
        for r in self.reports:
            if r.kind == kind:
                return r
        raise KeyError(kind)


@cache
def rules() -> Rules:
    data = tomllib.loads(RULES_FILE.read_text(encoding="utf-8"))
    return Rules(
        statuses=tuple(Status(**s) for s in data["status"]),
        default_weight=Decimal(data["rollup"]["default_weight"]),
        no_update_percent=Decimal(data["rollup"]["no_update_percent"]),
        decimals=int(data["rollup"]["decimals"]),
        stalled_after_days=int(data["flags"]["stalled_after_days"]),
        overdue_grace_days=int(data["flags"]["overdue_grace_days"]),
        evidence_max_bytes=int(data["evidence"]["max_bytes"]),
        evidence_extensions=frozenset(e.lower() for e in data["evidence"]["extensions"]),
        reports=tuple(ReportKind(**r) for r in data["report"]),
    )


def status_choices() -> list[tuple[str, str]]:
    return [(s.code, s.th) for s in rules().statuses]


def report_choices() -> list[tuple[str, str]]:
    return [(r.kind, r.th) for r in rules().reports]
