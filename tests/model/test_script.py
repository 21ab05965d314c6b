"""Script rules of the content model: everything simplified on the main site, names by one rule on the mirror."""

import subprocess
from pathlib import Path

import opencc
import pytest
from qingfeng.model.script import (
    ALSO_TRADITIONAL,
    Converter,
    fold,
    is_simplified,
    is_traditional_character,
    mirror_name,
)

from tests.conftest import BODY, case_body, find
from tests.model.test_cases import PATH

# -- the main site: simplified, names included ----------------------------------------------


def test_the_main_site_converts_names_too_into_their_standard_simplified_pairs():
    converter = Converter(["庹華明", "宋宇峯"])
    assert converter.simplified("庹華明因為受賄被查。") == "庹华明因为受贿被查。"
    assert converter.simplified("宋宇峯作為局長") == "宋宇峰作为局长"  # 峯 is a variant of 峰


def test_folding_accepts_every_traditional_standard():
    assert fold("爲") == fold("為") == fold("为") == "为"
    assert fold("裏") == fold("裡") == "里"
    assert fold("醫療衞生") == fold("醫療衛生") == "医疗卫生"  # Hong Kong's 衞, which t2s leaves alone
    assert fold(" 以案說德 ") == fold("以案説德") == "以案说德"
    assert not is_simplified("医疗衞生") and is_simplified("医疗卫生")


def test_taiwan_zhe_is_read_by_phrase_in_a_text_that_never_writes_着():
    converter = Converter()
    assert converter.simplified("值班意味著群眾有急事，著名的顯著") == "值班意味着群众有急事，著名的显著"
    # A text that writes 着 for zhe uses 著 for zhù only; a simplified text is never touched.
    assert converter.simplified("坐着寫專著") == "坐着写专著"
    assert converter.simplified("他的专著") == "他的专著"


# -- the mirror: Taiwan's or Hong Kong's forms, names by one rule -----------------------------


def test_the_mirror_writes_the_forms_the_seeds_use_not_openccs_own():
    assert Converter().traditional("因为作为群众") == "因為作為群眾"  # s2t: 因爲作爲羣衆
    assert Converter(script="s2hk").traditional("因为") == "因為"


@pytest.mark.parametrize(
    ("tw", "hk", "simplified"),
    [("說", "説", "说"), ("裡", "裏", "里"), ("衛", "衞", "卫"), ("著", "着", "着")],
)
def test_taiwan_and_hong_kong_forms_differ(tw, hk, simplified):
    assert Converter(script="s2tw").traditional(simplified) == tw
    assert Converter(script="s2hk").traditional(simplified) == hk


def test_an_unknown_script_is_refused():
    with pytest.raises(ValueError, match="s2tw"):
        Converter(script="s2twp")


@pytest.mark.parametrize("script", ["s2tw", "s2hk"])
def test_a_name_never_changes_into_a_variant_or_another_surname(script):
    names = Converter(["宋宇峰", "于某", "范某某", "庹华明", "钟某"], script=script)
    assert names.traditional("宋宇峰同志监督发展") == "宋宇峰同志監督發展"  # s2t and s2hk alone: 宋宇峯
    assert names.traditional("于某、范某某") == "于某、范某某"  # OpenCC alone: 於某、範某某
    assert names.traditional("庹华明、钟某") == "庹華明、鍾某"  # simplified-only characters take their pair
    assert Converter(script="s2hk").traditional("宋宇峰") == "宋宇峯"  # what OpenCC alone would print


def test_a_name_written_in_traditional_script_is_shown_as_written_on_the_mirror():
    converter = Converter(["庹華明", "宋宇峯"])
    assert converter.traditional("庹华明与宋宇峰") == "庹華明與宋宇峯"


def test_the_first_name_decides_between_names_that_read_the_same_in_simplified():
    # names.yml comes first: 葉某 gives the mirror's form of the subject 叶某, which the rule would keep.
    assert Converter(["葉某", "叶某"]).traditional("叶某某") == "葉某某"
    assert Converter(["叶某"]).traditional("叶某某") == "叶某某"


def test_mirror_name_changes_only_simplified_only_characters():
    assert mirror_name("焦裕禄") == "焦裕祿" and mirror_name("朱柏庐") == "朱柏廬"
    assert mirror_name("宋宇峰", "s2hk") == "宋宇峰" and mirror_name("王某") == "王某"
    assert is_traditional_character("峰") and is_traditional_character("華") and is_traditional_character("于")
    assert not is_traditional_character("华") and not is_traditional_character("钟")


def test_kept_spans_are_not_converted():
    converter = Converter(kept=r"<!--keep-->.*?<!--/keep-->")
    assert converter.traditional("简体<!--keep-->简体<!--/keep-->简体") == "簡體<!--keep-->简体<!--/keep-->簡體"


OPENCC = Path(opencc.__file__).parent / "clib"


@pytest.mark.skipif(not (OPENCC / "bin/opencc_dict").is_file(), reason="OpenCC's dictionary tool is not installed")
def test_the_copy_of_openccs_also_traditional_characters_is_current(tmp_path):
    out = tmp_path / "STCharacters.txt"
    source = OPENCC / "share/opencc/STCharacters.ocd2"
    tool = [str(OPENCC / "bin/opencc_dict"), "-i", str(source), "-o", str(out), "-f", "ocd2", "-t", "text"]
    subprocess.run(tool, check=True, capture_output=True)
    found = set()
    for line in out.read_text(encoding="utf-8").splitlines():
        key, _, forms = line.partition("\t")
        if key in forms.split()[1:]:
            found.add(key)
    assert found == ALSO_TRADITIONAL


# -- loading ------------------------------------------------------------------------------


def test_traditional_content_is_read_in_simplified_script_names_included(site):
    site.write("site_config/names.yml", "names:\n  - 陳乾坤\n")
    site.case(
        title="某縣原局長宋宇峯受賄案",
        subject="宋宇峯",
        body=case_body({**BODY, "案情": "宋宇峯與陳乾坤收受財物。"}),
    )
    project = site.load()
    case = project.cases[0]
    assert case.title == "某县原局长宋宇峰受贿案" and case.subject == "宋宇峰"
    assert case.section("anqing").markdown.strip() == "宋宇峰与陈乾坤收受财物。"
    assert project.names[:1] == ("陳乾坤",)


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
