"""The seed document's numbers come out of the engine."""

from decimal import Decimal
from pathlib import Path

from prongsai.ita.inputs import read_records
from prongsai.ita.records import score_record

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "pakphraek-2568.toml"


def test_seed_total_level_and_tools():
    (record,) = read_records(EXAMPLE)
    result = score_record(record)
    assert result.total == Decimal("99.44")
    assert result.level.label == "ผ่านดีเยี่ยม"
    raw = {t.code: result.rounded(t.score) for t in result.tools}
    weighted = {t.code: result.rounded(t.weighted) for t in result.tools}
    assert raw == {"IIT": Decimal("99.87"), "EIT": Decimal("98.27"), "OIT": Decimal("100.00")}
    assert weighted == {"IIT": Decimal("29.96"), "EIT": Decimal("29.48"), "OIT": Decimal("40.00")}
    assert record.agency.name == "เทศบาลเมืองปากแพรก"
    assert record.agency.code == "04710107"
    assert all(i.passed for i in result.indicators)
