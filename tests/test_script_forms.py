"""Names and script forms in both sites, built for real: every main-site output simplified, the mirror
in Taiwan's forms (or Hong Kong's), and no name turned into a variant on either."""

import json
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from tests.conftest import BODY, Site, case_body, search_docs

TRAD = "2025-trad"  # written in traditional script
SIMP = "2024-simp"  # written in simplified script


def write_cases(site: Site) -> None:
    site.case(
        TRAD,
        title="某縣原局長庹華明受賄案",
        summary="庹華明作為局長，因為貪念收受財物。",
        subject="庹華明",
        position="某縣某局原局長",
        sector=["醫療衞生"],
        body=case_body({**BODY, "案情": "庹華明作為局長長期缺乏監督，因為貪念收受財物。"}),
        questions=[{"id": "q1", "type": "judge", "stem": "庹華明的行為構成受賄罪嗎？", "answer": True}],
    )
    site.case(
        SIMP,
        title="某镇原站长宋宇峰贪污案",
        summary="宋宇峰作为站长贪污公款。",
        subject="宋宇峰",
        date="2024",
        body=case_body({**BODY, "案情": "宋宇峰作为站长，因为贪念侵吞公款。"}),
    )
    site.case("2023-yu", title="某乡原乡长于某受贿案", subject="于某", date="2023")
    site.case("2022-ye", title="某村原主任叶某挪用案", subject="叶某", date="2022")
    site.write("site_config/names.yml", "names:\n  - 葉某\n")  # the traditional spelling the rule cannot know
    site.write(
        "site_config/booklets.yml",
        yaml.safe_dump(
            {"booklets": [{"id": "jsl", "title": "警示录", "contents": [{"cases": {"sector": "医疗卫生"}}]}]},
            allow_unicode=True,
        ),
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    site = Site(tmp_path_factory.mktemp("forms"))
    write_cases(site)
    return site.built()


def read(site_dir: Path, path: str) -> str:
    text = (site_dir / path).read_text(encoding="utf-8")
    if path.endswith(".json"):  # as characters, not \u escapes
        text = json.dumps(json.loads(text), ensure_ascii=False)
    return text


def main_site_texts(site_dir: Path):
    for path in sorted(site_dir.rglob("*")):
        if path.suffix in (".html", ".json", ".xml") and "zh-hant" not in path.relative_to(site_dir).parts:
            yield path.relative_to(site_dir).as_posix(), read(site_dir, path.relative_to(site_dir).as_posix())


def test_a_traditional_subject_is_simplified_everywhere_on_the_main_site(built):
    assert "某县原局长庹华明受贿案" in read(built, f"cases/{TRAD}/index.html")
    assert "庹华明" in read(built, "cases/index.html")  # the library
    assert "庹华明" in read(built, "feed.xml")
    assert any("庹华明" in doc["t"] for doc in search_docs(built))
    assert [path for path, text in main_site_texts(built) if "華" in text or "爲" in text] == []


def test_the_booklet_prints_the_simplified_subject(built):
    text = "".join(page.extract_text() or "" for page in PdfReader(built / "downloads/jsl.pdf").pages)
    assert "庹华明" in text.replace(" ", "").replace("\n", "")
    assert "華" not in text


def test_the_mirror_writes_the_subject_in_traditional_and_taiwans_forms(built):
    html = read(built, f"zh-hant/cases/{TRAD}/index.html")
    assert "某縣原局長庹華明受賄案" in html and "庹华明" not in html
    assert "作為局長" in html and "因為貪念" in html and "爲" not in html  # s2t would write 爲
    assert "以案說德" in html  # Taiwan's 說, not Hong Kong's 説
    assert "庹華明" in read(built, "zh-hant/cases/index.html")


def test_a_simplified_name_never_turns_into_a_variant(built):
    assert "某镇原站长宋宇峰贪污案" in read(built, f"cases/{SIMP}/index.html")
    html = read(built, f"zh-hant/cases/{SIMP}/index.html")
    assert "某鎮原站長宋宇峰貪汙案" in html and "宋宇峯" not in html  # 汙: Taiwan's form
    index = json.dumps(search_docs(built, mirror=True), ensure_ascii=False)
    assert "宋宇峰" in index and "宋宇峯" not in index and "因為" in index and "爲" not in index


def test_names_keep_a_surname_and_take_the_spelling_names_yml_gives(built):
    assert "某鄉原鄉長于某受賄案" in read(built, "zh-hant/cases/2023-yu/index.html")  # OpenCC alone: 於某
    assert "某村原主任葉某挪用案" in read(built, "zh-hant/cases/2022-ye/index.html")
    assert "某村原主任叶某挪用案" in read(built, "cases/2022-ye/index.html")


def test_hong_kong_forms_on_request_and_names_still_kept(tmp_path):
    site = Site(tmp_path)
    site.config["plugins"][0] = {"qingfeng/core": {"mirror_script": "s2hk"}}
    site.save_config()
    write_cases(site)
    site_dir = site.built()
    html = read(site_dir, f"zh-hant/cases/{SIMP}/index.html")
    assert "以案説德" in html and "以案說德" not in html  # Hong Kong's 説
    assert "宋宇峰" in html and "宋宇峯" not in html  # s2hk alone writes 峯
    assert "庹華明" in read(site_dir, f"zh-hant/cases/{TRAD}/index.html")
    texts = "".join(doc["x"] for doc in search_docs(site_dir, mirror=True))
    assert "宋宇峰" in texts and "宋宇峯" not in texts


def test_an_unknown_mirror_script_stops_the_build(tmp_path):
    site = Site(tmp_path)
    site.config["plugins"][0] = {"qingfeng/core": {"mirror_script": "s2t"}}
    site.save_config()
    result = site.build()
    assert result.returncode != 0 and "mirror_script" in result.stderr and "s2tw" in result.stderr
