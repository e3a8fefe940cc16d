"""Plain data views of scored results: the JSON/CSV contract of `prongsai score`."""

from __future__ import annotations

from decimal import Decimal

from .scoring import Result


def _num(value: Decimal, result: Result) -> float:
    return float(result.rounded(value))


def result_to_dict(result: Result, agency: dict | None = None) -> dict:
    """One agency-year: agency, fiscal_year, total, level (official label), tools, indicators."""
    fw = result.framework
    return {
        "agency": result.agency,
        **({"agency_info": agency} if agency else {}),
        "fiscal_year": result.fiscal_year,
        "total": float(result.total),
        "level": result.level.label,
        "level_en": result.level.label_en,
        "level_reason": result.level.reason_th,
        "level_reason_en": result.level.reason_en,
        "level_rule_confidence": result.level.confidence,
        "tools": {
            t.code: {
                "score": _num(t.score, result),
                "weighted": _num(t.weighted, result),
                "weight": float(t.weight),
            }
            for t in result.tools
        },
        "indicators": [
            {
                "number": i.number,
                "code": i.code,
                "name_th": i.name_th,
                "name_en": i.name_en,
                "tool": i.tool,
                "score": _num(i.score, result),
                "passed": i.passed,
                "pass_mark": float(fw.pass_mark),
            }
            for i in result.indicators
        ],
    }


CSV_COLUMNS = (
    ["agency", "fiscal_year", "total", "level", "level_reason"]
    + [f"{t}_{k}" for t in ("iit", "eit", "oit") for k in ("score", "weighted")]
    + [f"i{n}" for n in range(1, 11)]
)


def result_to_row(result: Result) -> dict:
    d = result_to_dict(result)
    row = {k: d[k] for k in ("agency", "fiscal_year", "total", "level", "level_reason")}
    for code, t in d["tools"].items():
        row[f"{code.lower()}_score"] = f"{t['score']:.2f}"
        row[f"{code.lower()}_weighted"] = f"{t['weighted']:.2f}"
    for i in d["indicators"]:
        row[f"i{i['number']}"] = f"{i['score']:.2f}"
    row["total"] = f"{row['total']:.2f}"
    return row
