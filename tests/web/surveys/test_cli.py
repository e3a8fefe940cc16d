"""`prongsai survey open`: opens a survey, prints id and URL, writes one code per line for IIT."""

from __future__ import annotations

import json
import random

import pytest
from click.testing import CliRunner

from prongsai.cli import main
from prongsai.web.surveys.models import Survey
from prongsai.web.surveys.services import CodeUsed, response_submit

from .helpers import random_answers


def test_open_an_internal_survey_with_codes(agency, tmp_path):
    codes_file = tmp_path / "codes.txt"
    out = CliRunner().invoke(
        main,
        [
            "survey",
            "open",
            "--agency",
            agency.dla_code,
            "--year",
            "2569",
            "--tool",
            "IIT",
            "--codes",
            "12",
            "--codes-file",
            str(codes_file),
            "--format",
            "json",
        ],
    )
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    survey = Survey.objects.get(pk=data["id"])
    assert data["url"].endswith(f"/s/{survey.token}/") and data["codes_file"] == str(codes_file)
    codes = codes_file.read_text().split()
    assert len(codes) == len(set(codes)) == 12
    answers = random_answers(survey, random.Random(1))
    response_submit(survey=survey, answers=answers, code=codes[0])
    with pytest.raises(CodeUsed):
        response_submit(survey=survey, answers=answers, code=codes[0])


def test_unknown_agency_and_codes_for_eit_are_refused(agency):
    assert (
        "ไม่พบหน่วยงาน"
        in CliRunner()
        .invoke(main, ["survey", "open", "--agency", "0", "--year", "2569", "--tool", "EIT"])
        .output
    )
    out = CliRunner().invoke(
        main,
        ["survey", "open", "--agency", agency.dla_code, "--year", "2569", "--tool", "EIT", "--codes", "3"],
    )
    assert out.exit_code != 0 and "IIT" in out.output and not Survey.objects.exists()
