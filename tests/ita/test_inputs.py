"""Per-agency TOML and batch CSV/XLSX inputs, good and bad: errors name file, line and column."""

from decimal import Decimal

import openpyxl
import pytest

from prongsai.ita.errors import InputError
from prongsai.ita.inputs import read_records
from prongsai.ita.records import score_history, score_record

SEED = ["99.78", "100", "100", "99.57", "100", "99.11", "99.16", "96.53", "100", "100"]
HEAD = "agency,fiscal_year," + ",".join(f"i{k}" for k in range(1, 11))


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def csv_file(tmp_path, *rows, head=HEAD, name="batch.csv"):
    return write(tmp_path, name, "\n".join([head, *rows]) + "\n")


def error(path) -> InputError:
    with pytest.raises(InputError) as e:
        [score_record(r) for r in read_records(path)]
    return e.value


def test_batch_csv_indicators_and_tools(tmp_path):
    path = csv_file(tmp_path, "ก,2568," + ",".join(SEED), "ข,2564," + ",".join(["90"] * 10))
    results = [score_record(r) for r in read_records(path)]
    assert [(r.agency, r.total, r.level.label) for r in results] == [
        ("ก", Decimal("99.44"), "ผ่านดีเยี่ยม"),
        ("ข", Decimal("90.00"), "A"),
    ]
    tools = csv_file(tmp_path, "ค,2568,99,84,99", head="agency,fiscal_year,iit,eit,oit", name="t.csv")
    (r,) = [score_record(x) for x in read_records(tools)]
    assert (r.total, r.level.label) == (Decimal("94.50"), "ผ่าน")


def test_thai_headers_and_thai_digits(tmp_path):
    head = "หน่วยงาน,ปีงบประมาณ,จังหวัด," + ",".join(f"ตัวชี้วัดที่ {k}" for k in range(1, 11))
    path = csv_file(tmp_path, "ก,๒๕๖๘,กาญจนบุรี," + ",".join(SEED[:-1]) + ",๑๐๐", head=head)
    (rec,) = read_records(path)
    assert rec.agency.province == "กาญจนบุรี"
    assert score_record(rec).total == Decimal("99.44")


def test_xlsx(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["หน่วยงาน", "ปีงบประมาณ", "IIT", "EIT", "OIT"])
    ws.append(["ก", 2568, 99.87, 98.27, 100])
    ws.append(["ข", 2568, 99, 84, 99])
    path = tmp_path / "b.xlsx"
    wb.save(path)
    results = [score_record(r) for r in read_records(path)]
    assert [str(r.total) for r in results] == ["99.44", "94.50"]
    ws.append(["ค", 2568, 99, 140, 99])
    wb.save(path)
    e = error(path)
    assert (e.line, e.column) == (4, "eit") and "0 ถึง 100" in e.message_th


@pytest.mark.parametrize(
    ("row", "line", "column", "words"),
    [
        ("ก,2568,101," + ",".join(SEED[1:]), 2, "i1", "0 ถึง 100"),
        ("ก,2568,-1," + ",".join(SEED[1:]), 2, "i1", "0 ถึง 100"),
        ("ก,2568,abc," + ",".join(SEED[1:]), 2, "i1", "ตัวเลข"),
        ("ก,2568,," + ",".join(SEED[1:]), 2, "i1", "ว่าง"),
        ("ก,2570," + ",".join(SEED), 2, "fiscal_year", "ไม่รู้จักปีงบประมาณ 2570"),
        ("ก,ปีนี้," + ",".join(SEED), 2, "fiscal_year", "ปีงบประมาณ"),
        ("ก,2568," + ",".join(SEED[:-1]), 2, None, "ช่อง"),
    ],
)
def test_bad_cells(tmp_path, row, line, column, words):
    e = error(csv_file(tmp_path, row))
    assert (e.line, e.column) == (line, column)
    assert words in e.message_th
    assert str(tmp_path) in e.describe()


def test_duplicate_agency_year(tmp_path):
    e = error(csv_file(tmp_path, "ก,2568," + ",".join(SEED), "ก,2568," + ",".join(SEED)))
    assert e.line == 3 and "ซ้ำ" in e.message_th


def test_missing_and_duplicate_indicator_columns(tmp_path):
    e = error(csv_file(tmp_path, "ก,2568," + ",".join(SEED[:-1]), head=HEAD.removesuffix(",i10")))
    assert "ตัวชี้วัดที่ 10" in e.message_th and e.line == 1
    e = error(csv_file(tmp_path, "ก,2568," + ",".join(SEED + ["1"]), head=HEAD + ",i3"))
    assert "ซ้ำ" in e.message_th and e.column == 13


def test_unknown_header(tmp_path):
    e = error(csv_file(tmp_path, "ก,2568," + ",".join(SEED) + ",x", head=HEAD + ",คะแนนพิเศษ"))
    assert "คะแนนพิเศษ" in e.message_th and e.column == 13


def test_mixed_scales_refused_and_fraction_file_scaled(tmp_path):
    frac = ",".join(str(Decimal(s) / 100) for s in SEED)
    e = error(csv_file(tmp_path, "ก,2568," + ",".join(SEED), "ข,2568," + frac))
    assert e.line == 3 and "0–1" in e.message_th
    (rec,) = read_records(csv_file(tmp_path, "ข,2568," + frac, name="f.csv"))
    assert score_record(rec).total == Decimal("99.44")


@pytest.mark.parametrize(
    ("content", "words"),
    [("", "ว่าง"), ("   \n", "ว่าง"), (HEAD + "\n", "ไม่มีข้อมูล")],
)
def test_empty_files(tmp_path, content, words):
    assert words in error(write(tmp_path, "e.csv", content)).message_th


def test_wrong_encoding_says_what_was_expected(tmp_path):
    path = write(tmp_path, "tis.csv", HEAD + "\nเทศบาล,2568," + ",".join(SEED) + "\n", encoding="cp874")
    e = error(path)
    assert "UTF-8" in e.message_th and "TIS-620" in e.message_th and e.line == 2


def test_unknown_file_type(tmp_path):
    assert ".pdf" in error(write(tmp_path, "x.pdf", "x")).message_th


AGENCY = """
[agency]
name = "เทศบาลตำบลทดสอบ"
province = "จังหวัดทดสอบ"

[result]
fiscal_year = 2568

[result.indicators]
{indicators}
"""


def toml(tmp_path, indicators, extra=""):
    return write(tmp_path, "a.toml", AGENCY.format(indicators=indicators) + extra)


def lines(values):
    return "\n".join(f"i{k} = {v}" for k, v in enumerate(values, 1))


def test_agency_toml_with_history_and_tools(tmp_path):
    extra = """
[result.tools]
IIT = 99.87
EIT = 98.27
OIT = 100

[[history]]
fiscal_year = 2567
total = 97.12
level = "ผ่านดีเยี่ยม"

[[history]]
fiscal_year = 2566
tools = { IIT = 99, EIT = 84, OIT = 99 }
"""
    (rec,) = read_records(toml(tmp_path, lines(SEED), extra))
    assert score_record(rec).total == Decimal("99.44")
    points = score_history(rec)
    assert [(p.fiscal_year, str(p.total), p.level) for p in points] == [
        (2566, "94.50", "ผ่าน"),
        (2567, "97.12", "ผ่านดีเยี่ยม"),
    ]


def test_agency_toml_errors_name_the_line(tmp_path):
    values = list(SEED)
    values[3] = "120"
    e = error(toml(tmp_path, lines(values)))
    assert e.column == "result.indicators.i4" and e.line == 13
    e = error(toml(tmp_path, lines(SEED[:-1])))
    assert "ตัวชี้วัดที่ 10" in e.message_th
    e = error(toml(tmp_path, lines(SEED) + "\ni3 = 5"))
    assert "TOML" in e.message_th and e.line is not None
    e = error(toml(tmp_path, lines(SEED), "\n[result.tools]\nIIT = 90\nEIT = 98.27\nOIT = 100\n"))
    assert "IIT" in e.message_th and "ไม่ตรง" in e.message_th
    e = error(toml(tmp_path, lines(SEED), '\n[agnecy]\nname = "x"\n'))
    assert "agnecy" in e.message_th


def test_agency_toml_without_name(tmp_path):
    path = write(tmp_path, "n.toml", "[result]\nfiscal_year = 2568\n")
    assert error(path).column == "agency.name"


def test_a_row_that_mixes_scales_is_refused(tmp_path):
    # 0.9978 beside 100 in one row: one cell on the 0–1 scale, the rest on 0–100
    e = error(csv_file(tmp_path, "ก,2568,0.9978," + ",".join(SEED[1:])))
    assert (e.line, e.column) == (2, "i1") and "0–1" in e.message_th and "i2 = 100" in e.message_th
    e = error(csv_file(tmp_path, "ก,2568,0.99,98,100", head="agency,fiscal_year,iit,eit,oit", name="t.csv"))
    assert (e.line, e.column) == (2, "iit")


def test_a_row_of_zeros_fits_either_scale(tmp_path):
    path = csv_file(tmp_path, "ก,2568,0,0,0", "ข,2568,0.5,0.9,1", head="agency,fiscal_year,iit,eit,oit")
    results = [score_record(r) for r in read_records(path)]
    assert [str(r.total) for r in results] == ["0.00", "82.00"]  # 0.3·50 + 0.3·90 + 0.4·100


@pytest.mark.parametrize(("cell", "words"), [("NaN", "ตัวเลข"), ('"99,78"', "ตัวเลข"), ('"1,00"', "ตัวเลข")])
def test_not_numbers(tmp_path, cell, words):
    # A decimal comma is refused: stripping it would read "1,00" as 100
    e = error(csv_file(tmp_path, f"ก,2568,{cell}," + ",".join(SEED[1:])))
    assert (e.line, e.column) == (2, "i1") and words in e.message_th


def test_utf16_says_so(tmp_path):
    path = write(tmp_path, "u.csv", HEAD + "\nก,2568," + ",".join(SEED) + "\n", encoding="utf-16")
    e = error(path)
    assert "UTF-16" in e.message_th and "UTF-8" in e.message_th


def xlsx(tmp_path, rows, head=None, name="b.xlsx"):
    wb = openpyxl.Workbook()
    ws = wb.active
    if head is not False:
        ws.append(head or HEAD.split(","))
    for row in rows:
        ws.append(row)
    path = tmp_path / name
    wb.save(path)
    return path


SEED_N = [float(s) for s in SEED]


@pytest.mark.parametrize(
    ("rows", "head", "line", "column", "words"),
    [
        ([["ก", 2568, "abc", *SEED_N[1:]]], None, 2, "i1", "ตัวเลข"),
        ([["ก", 2568, True, *SEED_N[1:]]], None, 2, "i1", "ตัวเลข"),
        ([["ก", 2568, None, *SEED_N[1:]]], None, 2, "i1", "ว่าง"),
        ([["ก", 2568, -3, *SEED_N[1:]]], None, 2, "i1", "0 ถึง 100"),
        ([["ก", 2599, *SEED_N]], None, 2, "fiscal_year", "2599"),
        ([["ก", 2568, *SEED_N[:-1]]], HEAD.split(",")[:-1], 1, None, "ตัวชี้วัดที่ 10"),
        ([["ก", 2568, *SEED_N, 1]], HEAD.split(",") + ["i3"], 1, 13, "ซ้ำ"),
        ([["ก", 2568, *SEED_N], ["ข", 2568, *(s / 100 for s in SEED_N)]], None, 3, "i1", "0–1"),
        ([["ก", 2568, *SEED_N], ["ก", 2568, *SEED_N]], None, 3, "agency", "ซ้ำ"),
        ([["ก", 2568, *SEED_N, 5]], None, 2, 13, "ไม่มีหัวคอลัมน์"),  # a value beyond the headers
        ([], None, 2, None, "ไม่มีข้อมูล"),
    ],
)
def test_bad_xlsx(tmp_path, rows, head, line, column, words):
    e = error(xlsx(tmp_path, rows, head))
    assert (e.line, e.column) == (line, column)
    assert words in e.message_th and str(tmp_path) in e.describe()


def test_empty_or_not_an_xlsx(tmp_path):
    assert "ว่าง" in error(write(tmp_path, "e.xlsx", "")).message_th
    assert "ว่าง" in error(xlsx(tmp_path, [], head=False)).message_th
    assert "XLSX" in error(write(tmp_path, "c.xlsx", HEAD + "\n")).message_th


def test_agency_toml_mixed_scales(tmp_path):
    values = list(SEED)
    values[9] = "1"  # i10 written as a fraction among percentages
    e = error(toml(tmp_path, lines(values)))
    assert (e.line, e.column) == (19, "result.indicators.i10") and "0–1" in e.message_th
    e = error(toml(tmp_path, lines(SEED), "\n[[history]]\nfiscal_year = 2567\ntotal = 0.97\n"))
    assert (e.line, e.column) == (23, "history[0].total")


def test_agency_toml_fraction_file_is_scaled_with_its_history(tmp_path):
    frac = [str(Decimal(s) / 100) for s in SEED]
    (rec,) = read_records(toml(tmp_path, lines(frac), "\n[[history]]\nfiscal_year = 2567\ntotal = 0.9712\n"))
    assert score_record(rec).total == Decimal("99.44")
    assert [p.total for p in score_history(rec)] == [Decimal("97.1200")]


@pytest.mark.parametrize(
    ("extra", "line", "column", "words"),
    [
        ("\n[result.tool]\nIIT = 99\n", 21, "result.tool", "result.tool"),  # a misspelt table
        (
            "\n[[history]]\nfiscal_year = 2567\ntotal = 97\n\n[[history]]\nfiscal_year = 2567\ntotal = 96\n",
            26,
            "history[1].fiscal_year",
            "ซ้ำ",
        ),
        ("\n[[history]]\nfiscal_year = 2568\ntotal = 97\n", 22, "history[0].fiscal_year", "ต้องก่อน"),
        ("\n[[history]]\nfiscal_year = 2567\n", 21, "history[0]", "ไม่มีคะแนน"),
        ("\n[[history]]\nfiscal_year = 2567\ntotl = 97\n", 23, "history[0].totl", "totl"),
        # the second entry's own lines, not the first entry's
        (
            "\n[[history]]\nfiscal_year = 2567\ntotal = 97\n\n[[history]]\nfiscal_year = 2566\ntotal = 197\n",
            27,
            "history[1].total",
            "0 ถึง 100",
        ),
        (
            "\n[[history]]\nfiscal_year = 2567\n[history.indicators]\ni1 = 90\n\n[[history]]\nfiscal_year = 2566\n"
            "[history.indicators]\ni1 = 90\ni2 = 500\n",
            30,
            "history[1].indicators.i2",
            "0 ถึง 100",
        ),
    ],
)
def test_agency_toml_bad_history_and_keys(tmp_path, extra, line, column, words):
    e = error(toml(tmp_path, lines(SEED), extra))
    assert (e.line, e.column) == (line, column), e.describe()
    assert words in e.message_th


def test_agency_toml_unknown_agency_key(tmp_path):
    path = write(tmp_path, "k.toml", AGENCY.format(indicators=lines(SEED)).replace("province", "provice"))
    e = error(path)
    assert (e.line, e.column) == (4, "agency.provice")


def test_history_scored_with_its_own_location(tmp_path):
    # listed newest first: history[1] is the older year, and its error names history[1] and its line
    extra = (
        "\n[[history]]\nfiscal_year = 2567\ntotal = 97\n\n[[history]]\nfiscal_year = 2560\n"
        "tools = { IIT = 90, EIT = 90, OIT = 90 }\n"
    )
    (rec,) = read_records(toml(tmp_path, lines(SEED), extra))
    with pytest.raises(InputError) as e:
        score_history(rec)
    assert (e.value.line, e.value.column) == (25, "history[1].fiscal_year")
    assert "2560" in e.value.message_th
