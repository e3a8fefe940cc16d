"""The framework files: every year loads; malformed data fails naming the file and the key."""

import tomllib
from decimal import Decimal

import pytest

from prongsai.ita.errors import FrameworkError
from prongsai.ita.framework import (
    FRAMEWORK_DIR,
    available_years,
    framework_data,
    get_framework,
    load_framework_file,
)
from prongsai.ita.framework_parse import parse_framework


def test_every_year_loads_with_30_30_40_and_ten_indicators():
    assert available_years() == list(range(2563, 2570))
    for year in available_years():
        fw = get_framework(year)
        assert [(t.code, t.weight) for t in fw.tools] == [
            ("IIT", Decimal("0.30")),
            ("EIT", Decimal("0.30")),
            ("OIT", Decimal("0.40")),
        ]
        assert [t.indicators for t in fw.tools] == [(1, 2, 3, 4, 5), (6, 7, 8), (9, 10)]
        assert fw.pass_mark == 85
        assert fw.levels.era == ("grade" if year <= 2565 else "tool-threshold")
        assert "analysis" in fw.documents and "implementation_report" in fw.documents


def test_documents_items():
    assert get_framework(2564).documents["analysis"].oit_item == "O42"
    assert get_framework(2566).documents["implementation_report"].oit_item == "O43"
    assert get_framework(2569).documents["analysis"].rule.confidence == "unverified"


# The OIT item each document serves, and the feature that item names in the year's OIT list.
DOCUMENT_FEATURES = {"analysis": "analysis_document", "implementation_report": "implementation_report"}


@pytest.mark.parametrize("year", available_years())
def test_the_documents_name_the_item_of_the_years_own_oit_list(year):
    """Where the year's OIT list has the item a document serves, the document note names that item
    (its number and title), not an older list's wording."""
    fw = get_framework(year)
    by_feature = {i.feature: i for i in (fw.oit.items if fw.oit else ()) if i.feature}
    for document, feature in DOCUMENT_FEATURES.items():
        item = by_feature.get(feature)
        if item is None:
            continue
        assert (fw.documents[document].oit_item, fw.documents[document].name_th) == (item.code, item.name_th)


def data(year=2568):
    return framework_data(year)  # the year's whole data, its `extends` chain resolved


def fails(d, key):
    with pytest.raises(FrameworkError) as e:
        parse_framework(d, "x/2568.toml")
    assert e.value.path == "x/2568.toml"
    assert e.value.key.startswith(key), e.value.key
    return e.value


def test_weights_must_sum_to_one():
    d = data()
    d["tools"][0]["weight"] = "0.35"
    assert "1" in fails(d, "tools.weight").message_th


def test_indicator_tool_must_exist_and_each_tool_needs_indicators():
    d = data()
    d["indicators"][0]["tool"] = "XIT"
    fails(d, "indicators[0].tool")
    d = data()
    for ind in d["indicators"]:
        if ind["tool"] == "OIT":
            ind["tool"] = "EIT"
    fails(d, "tools[2]")


def test_confidence_and_source_are_required():
    d = data()
    d["indicators"][2]["confidence"] = "sure"
    fails(d, "indicators[2].confidence")
    d = data()
    del d["pass_mark"]["source"]
    fails(d, "pass_mark.source")


def test_levels_must_end_with_a_catch_all_in_order():
    d = data()
    d["levels"]["rules"].pop()
    fails(d, "levels.rules")
    d = data()
    d["levels"]["rules"][0], d["levels"]["rules"][1] = d["levels"]["rules"][1], d["levels"]["rules"][0]
    fails(d, "levels.rules")


def test_survey_scales_must_be_well_formed():
    d = data(2564)
    d["surveys"]["IIT"]["scales"]["four"]["codes"]["5"] = 120
    fails(d, "surveys.IIT.scales.four.codes.5")
    d = data(2564)
    d["surveys"]["IIT"]["questions"][0]["scale"] = "seven"
    fails(d, "surveys.IIT.questions[0].scale")
    d = data(2564)
    d["surveys"]["IIT"]["questions"][0]["indicator"] = 7
    fails(d, "surveys.IIT.questions[0].indicator")


def test_oit_items_in_one_group_only():
    d = data(2564)
    d["oit"]["subindicators"][1]["items"].append("O1")
    fails(d, "oit.subindicators[1].items")


def test_tool_comparison_rule_required_and_checked():
    d = data()
    del d["levels"]["tool_scores"]
    fails(d, "levels.tool_scores")
    d = data()
    d["levels"]["tool_scores"]["compare"] = "truncated"
    fails(d, "levels.tool_scores.compare")
    d = data()
    del d["levels"]["tool_scores"]["source"]
    fails(d, "levels.tool_scores.source")
    assert get_framework(2565).levels.tool_scores is None  # the grade era has no tool thresholds


def test_unsupported_rounding_is_refused_not_ignored():
    d = data()
    d["rounding"]["stage"] = "tools"
    fails(d, "rounding.stage")
    d = data()
    d["rounding"]["mode"] = "half-even"
    fails(d, "rounding.mode")


def test_survey_aggregation_is_data_with_a_confidence():
    agg = get_framework(2564).surveys["IIT"].aggregation
    assert agg.confidence == "unverified" and "แบบวัด IIT" in agg.source  # the public form it comes from
    d = data(2564)
    d["surveys"]["IIT"]["aggregation"]["questions"] = "weighted"
    fails(d, "surveys.IIT.aggregation.questions")
    d = data(2564)
    del d["surveys"]["IIT"]["aggregation"]
    fails(d, "surveys.IIT.aggregation")


def test_every_unverified_rule_is_listed_by_its_key():
    rules = get_framework(2568).rules()
    unverified = {k for k, r in rules.items() if r.confidence == "unverified"}
    # indicator 8's name, the two levels below 85, the tool comparison, the document items, and the OIT
    # item list (only its groups are known for FY2568: every item has its own source note)
    assert unverified == {
        "indicators[7]",
        "levels.rules[3]",
        "levels.rules[4]",
        "levels.tool_scores",
        "documents.analysis",
        "documents.implementation_report",
        "oit",
        "oit.item_names",
    } | {f"oit.items[O{n}]" for n in range(1, 27)}
    assert rules["tools[0]"].confidence == "checked"
    assert {"surveys.IIT.aggregation", "oit.item_names"} <= set(get_framework(2564).rules())
    assert all(r.source for r in rules.values())


def test_every_rule_cites_a_public_source_never_a_file():
    """Sources are public citations worded for an officer (publisher, publication, year), in Thai."""
    import re

    from prongsai.ita.framework import available_years, get_framework

    for year in available_years():
        for where, rule in get_framework(year).rules().items():
            assert not re.search(r"\.md\b|docs/|shared/|§|\w/\w+\.\w+", rule.source), (
                year,
                where,
                rule.source,
            )
            assert re.search(r"[ก-๙]", rule.source), (year, where, rule.source)  # Thai, for the officer


def test_year_files_state_only_their_changes():
    for year in available_years()[1:]:
        own = tomllib.loads((FRAMEWORK_DIR / f"{year}.toml").read_text(encoding="utf-8"))
        assert own["extends"] < year and "tools" not in own  # no copy of the weights in later years
    assert "extends" not in tomllib.loads((FRAMEWORK_DIR / "2563.toml").read_text(encoding="utf-8"))
    # indicator 8 is renamed in 2566 by stating only its number and name; the rest is inherited
    ind8 = get_framework(2566).indicator(8)
    assert ind8.name_th == "การปรับปรุงการทำงาน" and ind8.rule == get_framework(2565).indicator(8).rule
    assert get_framework(2565).oit is None and "IIT" not in get_framework(2565).surveys  # dropped


def write(tmp_path, year, text):
    path = tmp_path / f"{year}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_extends_errors_name_the_file_and_key(tmp_path):
    base = (FRAMEWORK_DIR / "2563.toml").read_text(encoding="utf-8")
    write(tmp_path, 2563, base)
    cases = {
        'extends = 2570\nfiscal_year = 2564\ntitle_th = "x"\n': "extends",
        'extends = 2562\nfiscal_year = 2564\ntitle_th = "x"\n': "extends",
        'extends = 2563\nfiscal_year = 2564\ntitle_th = "x"\ndrop = ["oit"]\n': "drop",
        'extends = "2563"\nfiscal_year = 2564\ntitle_th = "x"\n': "extends",
    }
    for text, key in cases.items():
        with pytest.raises(FrameworkError) as e:
            load_framework_file(write(tmp_path, 2564, text))
        assert e.value.key == key and e.value.path.endswith("2564.toml"), text
    ok = load_framework_file(write(tmp_path, 2564, 'extends = 2563\nfiscal_year = 2564\ntitle_th = "x"\n'))
    assert ok.title_th == "x" and ok.tools == get_framework(2563).tools


def test_oit_items_per_year_with_confidence_and_features():
    o64 = get_framework(2564).oit
    assert len(o64.items) == 43 and o64.scorable and o64.rule.confidence == "checked"
    assert {i.code: i.subindicator for i in o64.items}["O42"] == "10.2"
    o69 = get_framework(2569).oit
    assert [i.code for i in o69.items] == [f"O{n}" for n in range(1, 27)]
    assert not o69.scorable and o69.rule.confidence == "unverified"
    by_code = {i.code: i for i in o69.items}
    assert by_code["O10"].feature == "eservice" and by_code["O11"].due == "monthly"
    assert by_code["O25"].feature == "analysis_document" and by_code["O25"].indicator == 10
    assert by_code["O2"].rule.confidence == "unverified" and "2569" in by_code["O2"].rule.source
    o67 = get_framework(2567).oit
    assert not o67.complete and not o67.scorable and [i.code for i in o67.items] == ["O1", "O2", "O3"]
    assert get_framework(2566).oit is None


def test_oit_item_errors_name_the_key():
    d = data(2569)
    d["oit"]["items"][10]["due"] = "weekly"
    fails(d, "oit.items[10].due")
    d = data(2569)
    d["oit"]["items"][3]["indicator"] = 4
    fails(d, "oit.items[3].indicator")
    d = data(2569)
    d["oit"]["items"][3]["colour"] = "red"
    fails(d, "oit.items[3].colour")
    d = data(2569)
    d["oit"]["items"][4]["code"] = "O1"
    fails(d, "oit.items[4].code")
