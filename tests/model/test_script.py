"""Script rules of the content model: simplified main site, names and `script: keep` kept as written."""

from qingfeng.model.script import Converter

from tests.conftest import BODY, case_body, find
from tests.model.test_cases import PATH


def test_personal_names_are_never_converted_in_either_direction():
    names = Converter(["宋宇峰", "宋宇峯"])
    assert names.traditional("宋宇峰同志监督发展") == "宋宇峰同志監督發展"
    assert names.simplified("宋宇峯同志監督發展") == "宋宇峯同志监督发展"
    assert Converter().traditional("宋宇峰") == "宋宇峯"  # what OpenCC alone would print


def test_kept_spans_are_not_converted():
    converter = Converter(kept=r"<!--keep-->.*?<!--/keep-->")
    assert converter.traditional("简体<!--keep-->简体<!--/keep-->简体") == "簡體<!--keep-->简体<!--/keep-->簡體"


def test_traditional_content_is_read_in_simplified_script_keeping_the_subject(site):
    site.write("site_config/names.yml", "names:\n  - 陳乾坤\n")
    site.case(
        title="某縣原局長宋宇峯受賄案",
        subject="宋宇峯",
        body=case_body({**BODY, "案情": "宋宇峯與陳乾坤收受財物。"}),
    )
    case = site.load().cases[0]
    assert case.title == "某县原局长宋宇峯受贿案"
    assert case.section("anqing").markdown.strip() == "宋宇峯与陳乾坤收受财物。"
    assert site.load().names[:1] == ("陳乾坤",)


def test_script_keep_leaves_a_case_as_written_and_other_values_are_errors(site):
    site.case(title="某縣原局長受賄案", script="keep")
    assert site.load().cases[0].title == "某縣原局長受賄案"
    site.case(title="某縣原局長受賄案", script="traditional")
    assert "keep" in find(site.problems(), PATH, "字段 script").message


def test_names_file_must_be_a_list_of_names(site):
    site.case()
    site.write("site_config/names.yml", "names:\n  - 宋宇峰\n  - ''\n  - [1]\n")
    problems = site.problems()
    assert find(problems, "site_config/names.yml", "names[2]") and find(problems, "site_config/names.yml", "names[3]")
    site.write("site_config/names.yml", "宋宇峰\n")
    assert find(site.problems(), "site_config/names.yml", "字段 names")
