"""One agency's command builds the context in a forked child while the parent loads the renderers:
the documents are the same as built in one process, and an input error still reaches the user."""

from __future__ import annotations

import zipfile

import pytest

from prongsai.ita.errors import InputError
from prongsai.ita.inputs import read_records
from prongsai.reports import build_documents

from .readback import EXAMPLE, pdf_text
from .test_missing_and_batch import THIN


def test_the_overlapped_build_writes_the_same_documents(tmp_path):
    (record,) = read_records(EXAMPLE)
    one = build_documents(record, out_dir=tmp_path / "one")
    two = build_documents(record, out_dir=tmp_path / "two", overlap=True)
    assert one["html"].read_bytes() == two["html"].read_bytes()
    assert pdf_text(one["pdf"]) == pdf_text(two["pdf"])
    with zipfile.ZipFile(one["docx"]) as a, zipfile.ZipFile(two["docx"]) as b:
        assert a.read("word/document.xml") == b.read("word/document.xml")


def test_an_input_error_in_the_child_is_raised_as_in_one_process(tmp_path):
    from dataclasses import replace

    src = tmp_path / "thin.toml"
    src.write_text(THIN, encoding="utf-8")
    (record,) = read_records(src)
    # The file reader refuses indicator 11 itself; a record made elsewhere (the web) meets the check here.
    record = replace(record, extra={"focus": {"indicators": [11]}})
    with pytest.raises(InputError) as direct:
        build_documents(record, out_dir=tmp_path / "a")
    with pytest.raises(InputError) as forked:
        build_documents(record, out_dir=tmp_path / "b", overlap=True)
    assert str(forked.value) == str(direct.value) and "ไม่มีตัวชี้วัดที่ 11" in str(forked.value)
    assert not (tmp_path / "b").exists()
