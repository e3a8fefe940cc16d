"""The fixed-width fast path and the pyarrow path read answer files to the same counts."""

import numpy as np
import pytest

from prongsai.ita.answers import _arrow_columns, counts_from_arrays, read_answer_counts, read_header
from prongsai.ita.errors import InputError
from prongsai.ita.framework import get_framework
from prongsai.ita.survey import score_answers_file

FW = get_framework(2564)
COLUMNS = [p.id for q in FW.surveys["IIT"].questions for p in q.parts]
YES_NO = {"i4", "i5", "i6", "i26"}


def table(n=500, seed=1):
    rng = np.random.default_rng(seed)
    return {c: rng.integers(0, 2, n) if c in YES_NO else rng.integers(1, 5, n) for c in COLUMNS}


def write(path, cols, newline="\n", blank_at=None):
    lines = [",".join(cols)]
    n = len(next(iter(cols.values())))
    for r in range(n):
        cells = [str(cols[c][r]) for c in cols]
        if blank_at == r:
            cells[0] = ""
        lines.append(",".join(cells))
    path.write_bytes((newline.join(lines) + newline).encode())
    return path


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_fast_path_matches_arrow_path(tmp_path, newline):
    cols = table()
    path = write(tmp_path / "a.csv", cols, newline)
    header = read_header(path)
    fast = read_answer_counts(path, header)
    slow = counts_from_arrays(_arrow_columns(path, header))
    assert fast.respondents == slow.respondents == 500
    assert fast.counts == slow.counts
    assert fast.counts["i1"] == {
        k: int((cols["i1"] == k).sum()) for k in range(1, 5) if (cols["i1"] == k).any()
    }


def test_blank_answers_are_not_counted(tmp_path):
    path = write(tmp_path / "b.csv", table(), blank_at=3)
    counts = read_answer_counts(path, read_header(path))
    assert sum(counts.counts["i1"].values()) == 499


def test_code_outside_scale_located_on_the_fast_path(tmp_path):
    cols = table()
    cols["i7"][41] = 9
    path = write(tmp_path / "c.csv", cols)
    with pytest.raises(InputError) as e:
        score_answers_file(path, FW, "IIT")
    assert (e.value.line, e.value.column) == (43, "i7")


def test_unknown_column_refused(tmp_path):
    cols = table(5)
    cols["q99"] = cols["i1"]
    with pytest.raises(InputError) as e:
        score_answers_file(write(tmp_path / "d.csv", cols), FW, "IIT")
    assert e.value.column == "q99" and e.value.line == 1


def test_duplicate_column_refused(tmp_path):
    cols = table(5)
    path = write(tmp_path / "d.csv", cols)
    text = path.read_text().splitlines()
    path.write_text("\n".join([text[0] + ",i1"] + [row + ",4" for row in text[1:]]) + "\n")
    with pytest.raises(InputError) as e:
        score_answers_file(path, FW, "IIT")
    assert (e.value.line, e.value.column) == (1, "i1") and "ซ้ำ" in e.value.message_th


def test_a_column_nobody_answered_is_refused_not_scored_zero(tmp_path):
    cols = table(5)
    cols["i2"] = np.full(5, -1)
    path = write(tmp_path / "e.csv", cols)
    path.write_text(path.read_text().replace(",-1,", ",,"))
    with pytest.raises(InputError) as e:
        score_answers_file(path, FW, "IIT")
    assert e.value.column == "i2" and "ไม่มีผู้ตอบ" in e.value.message_th


@pytest.mark.parametrize(("cell", "column"), [("x", "i7"), ("1.5", "i7"), ("๔", "i7")])
def test_non_integer_code_names_line_and_column(tmp_path, cell, column):
    cols = {c: v.astype(object) for c, v in table(50).items()}
    cols["i7"][30] = cell
    with pytest.raises(InputError) as e:
        score_answers_file(write(tmp_path / "f.csv", cols), FW, "IIT")
    assert (e.value.line, e.value.column) == (32, column) and cell in e.value.message_th


def test_ragged_row_names_its_line(tmp_path):
    path = write(tmp_path / "g.csv", table(20))
    rows = path.read_text().splitlines()
    rows[12] = rows[12].rsplit(",", 2)[0]
    path.write_text("\n".join(rows) + "\n")
    with pytest.raises(InputError) as e:
        score_answers_file(path, FW, "IIT")
    assert e.value.line == 13 and "29 ช่อง" in e.value.message_th


def _export(path, n=400, seed=2, newline="\r\n", blanks=0.1, extra=("respondent_id", "date")):
    """A survey export: respondent id and date first, blank answers, CR LF line ends."""
    rng = np.random.default_rng(seed)
    cols = table(n, seed)
    lines = [",".join([*extra, *COLUMNS])]
    for r in range(n):
        lead = [str(r + 1), f"2026-03-{r % 28 + 1:02d}"][: len(extra)]
        cells = ["" if rng.random() < blanks else str(cols[c][r]) for c in COLUMNS]
        lines.append(",".join(lead + cells))
    path.write_bytes((newline.join(lines) + newline).encode())
    return path


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("extra", [(), ("respondent_id",), ("respondent_id", "date")])
@pytest.mark.parametrize("blanks", [0.0, 0.2, 1.0])
def test_export_path_matches_arrow_path(tmp_path, newline, extra, blanks):
    from prongsai.ita.answers import _simple_counts

    path = _export(tmp_path / "e.csv", newline=newline, extra=extra, blanks=blanks)
    header = read_header(path)
    simple = _simple_counts(path, header)
    slow = counts_from_arrays(_arrow_columns(path, header))
    assert simple is not None
    assert simple.respondents == slow.respondents == 400 and simple.counts == slow.counts


@pytest.mark.parametrize("cell", ['"3"', "12", "-1", "x", "3\r"])
def test_export_path_leaves_other_files_to_pyarrow(tmp_path, cell):
    from prongsai.ita.answers import _simple_counts

    path = _export(tmp_path / "e.csv", newline="\n")
    text = path.read_text().splitlines()
    row = text[5].split(",")
    row[3] = cell
    text[5] = ",".join(row)
    path.write_text("\n".join(text) + "\n")
    assert _simple_counts(path, read_header(path)) is None


def test_code_outside_scale_located_on_the_export_path(tmp_path):
    path = _export(tmp_path / "e.csv", newline="\r\n", blanks=0.0)
    lines = path.read_bytes().split(b"\r\n")
    cells = lines[7].split(b",")
    cells[2] = b"7"  # i1, a four-level question
    lines[7] = b",".join(cells)
    path.write_bytes(b"\r\n".join(lines))
    with pytest.raises(InputError) as err:
        score_answers_file(path, FW, "IIT")
    assert err.value.line == 8 and err.value.column == "i1"
