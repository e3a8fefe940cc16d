"""Reading one framework TOML into a `Framework`: every key typed and checked, errors naming file and key."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from .errors import FrameworkError
from .framework import (
    AGGREGATIONS,
    COMPARISONS,
    CONFIDENCES,
    ERAS,
    DocumentItem,
    Framework,
    Indicator,
    LevelRule,
    Levels,
    Rule,
    Survey,
    SurveyPart,
    SurveyQuestion,
    Tool,
    ToolComparison,
    ToolParts,
)
from .framework_oit import parse_oit


class _Reader:
    """Reads typed values out of a TOML table, raising FrameworkError naming file and key."""

    def __init__(self, path: str):
        self.path = path

    def fail(self, key: str, th: str, en: str = "") -> FrameworkError:
        return FrameworkError(self.path, key, th, en)

    def get(self, table: dict, key: str, where: str, kind: type | tuple = str, required: bool = True):
        full = f"{where}.{key}" if where else key
        if key not in table:
            if required:
                raise self.fail(full, "ไม่มีค่าที่จำเป็น", "missing required key")
            return None
        value = table[key]
        if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
            raise self.fail(full, f"ชนิดข้อมูลไม่ถูกต้อง: {value!r}", f"wrong type, expected {kind}")
        return value

    def decimal(self, table: dict, key: str, where: str, required: bool = True) -> Decimal | None:
        value = self.get(table, key, where, (str, int, float), required)
        if value is None:
            return None
        try:
            return Decimal(str(value))
        except InvalidOperation:
            raise self.fail(f"{where}.{key}", f"ไม่ใช่ตัวเลข: {value!r}", "not a number") from None

    def rule(self, table: dict, where: str, default: Rule | None = None) -> Rule:
        conf = table.get("confidence", default.confidence if default else None)
        source = table.get("source", default.source if default else None)
        if conf is None:
            raise self.fail(f"{where}.confidence", "ไม่มีระดับความเชื่อมั่นของกฎ", "missing confidence")
        if conf not in CONFIDENCES:
            raise self.fail(f"{where}.confidence", f"ต้องเป็นหนึ่งใน {', '.join(CONFIDENCES)}: {conf!r}")
        if not source:
            raise self.fail(f"{where}.source", "ไม่มีแหล่งที่มาของกฎ", "missing source note")
        return Rule(conf, source)


def parse_framework(data: dict, path: str) -> Framework:
    """Build a Framework from parsed TOML, validating as it goes."""
    r = _Reader(path)
    year = r.get(data, "fiscal_year", "", int)
    rounding_t = r.get(data, "rounding", "", dict)
    decimals = r.get(rounding_t, "decimals", "rounding", int)
    if r.get(rounding_t, "mode", "rounding") != "half-up":
        raise r.fail("rounding.mode", "รองรับเฉพาะการปัดแบบ half-up", "only half-up rounding is supported")
    # The scoring code rounds the total only; a file asking for another stage must not be ignored.
    if r.get(rounding_t, "stage", "rounding") != "total":
        raise r.fail(
            "rounding.stage", 'รองรับเฉพาะการปัดที่คะแนนรวม (stage = "total")', "only stage = total is supported"
        )
    pass_t = r.get(data, "pass_mark", "", dict)
    targets = r.get(data, "targets", "", dict)

    tools_t = r.get(data, "tools", "", list)
    ind_t = r.get(data, "indicators", "", list)
    indicators: list[Indicator] = []
    for k, t in enumerate(ind_t):
        where = f"indicators[{k}]"
        number = r.get(t, "number", where, int)
        if number != k + 1:
            raise r.fail(f"{where}.number", f"ตัวชี้วัดต้องเรียงเลข 1, 2, 3 … (พบ {number})")
        indicators.append(
            Indicator(
                number,
                r.get(t, "code", where),
                r.get(t, "name_th", where),
                r.get(t, "name_en", where),
                r.get(t, "tool", where),
                r.rule(t, where),
            )
        )
    tools: list[Tool] = []
    codes = [r.get(t, "code", f"tools[{k}]") for k, t in enumerate(tools_t)]
    if len(set(codes)) != len(codes):
        raise r.fail("tools", "รหัสเครื่องมือซ้ำกัน", "duplicate tool code")
    for ind in indicators:
        if ind.tool not in codes:
            raise r.fail(
                f"indicators[{ind.number - 1}].tool",
                f"ไม่มีเครื่องมือ {ind.tool!r} ในไฟล์",
                "indicator refers to an unknown tool",
            )
    for k, t in enumerate(tools_t):
        where = f"tools[{k}]"
        members = tuple(i.number for i in indicators if i.tool == codes[k])
        if not members:
            raise r.fail(where, f"เครื่องมือ {codes[k]} ไม่มีตัวชี้วัด", "tool has no indicator")
        weight = r.decimal(t, "weight", where)
        if not 0 < weight <= 1:
            raise r.fail(f"{where}.weight", f"น้ำหนักต้องอยู่ระหว่าง 0 ถึง 1 (พบ {weight})")
        tools.append(
            Tool(
                codes[k],
                r.get(t, "name_th", where),
                r.get(t, "name_en", where),
                weight,
                members,
                r.rule(t, where),
            )
        )
    total_weight = sum(t.weight for t in tools)
    if total_weight != 1:
        raise r.fail(
            "tools.weight", f"น้ำหนักรวมของเครื่องมือต้องเท่ากับ 1 (รวมได้ {total_weight})", "weights must sum to 1"
        )

    levels = _parse_levels(r, r.get(data, "levels", "", dict))
    surveys = {
        code: _parse_survey(r, code, t, {i.number for i in indicators if i.tool == code}, codes)
        for code, t in (r.get(data, "surveys", "", dict, required=False) or {}).items()
    }
    oit_t = r.get(data, "oit", "", dict, required=False)
    oit = parse_oit(r, oit_t, indicators) if oit_t else None
    tool_parts = _parse_tool_parts(r, r.get(data, "tool_parts", "", dict, required=False) or {}, codes)
    documents = {}
    for name, t in (r.get(data, "documents", "", dict, required=False) or {}).items():
        where = f"documents.{name}"
        documents[name] = DocumentItem(
            r.get(t, "oit_item", where), r.get(t, "name_th", where), r.rule(t, where)
        )
    return Framework(
        fiscal_year=year,
        title_th=r.get(data, "title_th", ""),
        decimals=decimals,
        rounding=r.rule(rounding_t, "rounding"),
        pass_mark=r.decimal(pass_t, "value", "pass_mark"),
        pass_mark_rule=r.rule(pass_t, "pass_mark"),
        excellent=r.decimal(targets, "excellent", "targets"),
        tools=tuple(tools),
        indicators=tuple(indicators),
        levels=levels,
        surveys=surveys,
        oit=oit,
        documents=documents,
        path=path,
        tool_parts=tool_parts,
        extends=data.get("extends"),
    )


def _parse_levels(r: _Reader, t: dict) -> Levels:
    era = r.get(t, "era", "levels")
    if era not in ERAS:
        raise r.fail("levels.era", f"ยุคของเกณฑ์ต้องเป็น {' หรือ '.join(ERAS)}: {era!r}")
    base = r.rule(t, "levels")
    rules = []
    for k, rt in enumerate(r.get(t, "rules", "levels", list)):
        where = f"levels.rules[{k}]"
        rules.append(
            LevelRule(
                r.get(rt, "label", where),
                r.get(rt, "label_en", where),
                r.decimal(rt, "min_total", where),
                r.decimal(rt, "min_each_tool", where, required=False),
                r.rule(rt, where, base),
            )
        )
    if not rules or rules[-1].min_total != 0 or rules[-1].min_each_tool is not None:
        raise r.fail("levels.rules", "ระดับสุดท้ายต้องรับคะแนนทั้งหมด (min_total = 0)", "last level must catch all")
    if era == "grade" and any(x.min_each_tool is not None for x in rules):
        raise r.fail("levels.rules", "ยุค grade ใช้เกณฑ์คะแนนรวมเท่านั้น", "grade era has no tool thresholds")
    tool_scores = None
    if any(x.min_each_tool is not None for x in rules):
        ct = r.get(t, "tool_scores", "levels", dict)
        compare = r.get(ct, "compare", "levels.tool_scores")
        if compare not in COMPARISONS:
            raise r.fail(
                "levels.tool_scores.compare",
                f"ต้องเป็น {' หรือ '.join(COMPARISONS)}: {compare!r}",
                "bad comparison",
            )
        tool_scores = ToolComparison(compare, r.rule(ct, "levels.tool_scores"))
    for a, b in zip(rules, rules[1:], strict=False):
        if (a.min_total, a.min_each_tool or 0) < (b.min_total, b.min_each_tool or 0):
            raise r.fail(
                "levels.rules", f"ต้องเรียงจากระดับสูงไปต่ำ ({a.label} ก่อน {b.label})", "rules out of order"
            )
    return Levels(era, tuple(rules), base, tool_scores)


def parse_survey(data: dict, *, fw: Framework, tool: str, path: str = "survey") -> Survey:
    """One questionnaire from a table shaped like a year's `[surveys.<TOOL>]` (a survey's own edited copy),
    checked against the indicators of `fw`'s tool as the year's file would be."""
    numbers = {i.number for i in fw.indicators if i.tool == tool}
    return _parse_survey(_Reader(path), tool, data, numbers, [t.code for t in fw.tools])


def _parse_survey(r: _Reader, code: str, t: dict, tool_indicators: set[int], tool_codes: list[str]) -> Survey:
    where = f"surveys.{code}"
    if code not in tool_codes:
        raise r.fail(where, f"ไม่มีเครื่องมือ {code!r}", "survey for an unknown tool")
    scales: dict[str, dict[str, int]] = {}
    for name, st in r.get(t, "scales", where, dict).items():
        codes = r.get(st, "codes", f"{where}.scales.{name}", dict)
        if not codes:
            raise r.fail(f"{where}.scales.{name}.codes", "มาตราวัดไม่มีรหัสคำตอบ", "empty scale")
        for c, v in codes.items():
            if not c.lstrip("-").isdigit():
                raise r.fail(
                    f"{where}.scales.{name}.codes.{c}", "รหัสคำตอบต้องเป็นจำนวนเต็ม", "codes must be integers"
                )
            if not isinstance(v, int) or isinstance(v, bool) or not 0 <= v <= 100:
                raise r.fail(f"{where}.scales.{name}.codes.{c}", f"คะแนนต้องเป็นจำนวนเต็ม 0–100 (พบ {v!r})")
        scales[name] = {c: int(v) for c, v in codes.items()}
    questions, seen = [], set()
    for k, qt in enumerate(r.get(t, "questions", where, list)):
        qw = f"{where}.questions[{k}]"
        qid = r.get(qt, "id", qw)
        ind = r.get(qt, "indicator", qw, int)
        if ind not in tool_indicators:
            raise r.fail(f"{qw}.indicator", f"ตัวชี้วัด {ind} ไม่อยู่ในเครื่องมือ {code}")
        if "parts" in qt:
            parts = tuple(SurveyPart(p["id"], p["scale"]) for p in r.get(qt, "parts", qw, list))
        else:
            parts = (SurveyPart(qid, r.get(qt, "scale", qw)),)
        for p in parts:
            if p.scale not in scales:
                raise r.fail(f"{qw}.scale", f"ไม่มีมาตราวัด {p.scale!r}", "unknown scale")
            if p.id in seen:
                raise r.fail(f"{qw}.id", f"รหัสคำถาม {p.id!r} ซ้ำ", "duplicate question column")
            seen.add(p.id)
        questions.append(SurveyQuestion(qid, ind, parts))
    missing = tool_indicators - {q.indicator for q in questions}
    if missing:
        raise r.fail(
            f"{where}.questions", f"ไม่มีคำถามของตัวชี้วัด {sorted(missing)}", "indicator without questions"
        )
    agg = r.get(t, "aggregation", where, dict)
    for key in ("parts", "questions"):
        if r.get(agg, key, f"{where}.aggregation") not in AGGREGATIONS:
            raise r.fail(f"{where}.aggregation.{key}", "รองรับเฉพาะค่าเฉลี่ย (mean)", "only mean is supported")
    return Survey(code, scales, tuple(questions), r.rule(t, where), r.rule(agg, f"{where}.aggregation"))


def _parse_tool_parts(r: _Reader, t: dict, tool_codes: list[str]) -> dict[str, ToolParts]:
    out = {}
    for code, pt in t.items():
        where = f"tool_parts.{code}"
        if code not in tool_codes:
            raise r.fail(where, f"ไม่มีเครื่องมือ {code!r}", "parts of an unknown tool")
        parts = r.get(pt, "parts", where, int)
        if parts < 2:
            raise r.fail(f"{where}.parts", f"ต้องมีอย่างน้อย 2 ส่วน (พบ {parts})", "need two parts or more")
        if r.get(pt, "combine", where) not in AGGREGATIONS:
            raise r.fail(f"{where}.combine", "รองรับเฉพาะค่าเฉลี่ย (mean)", "only mean is supported")
        out[code] = ToolParts(code, parts, r.rule(pt, where))
    return out
