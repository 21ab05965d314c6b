"""The loader's share of the trust boundary: what it reads, what it refuses, what it lets be published."""

from __future__ import annotations

import yaml

from tests.conftest import MEDIA_HEADS, case_body, find, markdown


def test_a_number_spelled_with_yaml_escapes_is_found_in_the_decoded_value(site):
    escaped = "".join(f"\\x{ord(c):02x}" for c in "13812345678")
    site.write(
        "content/quizzes/q.yml",
        f'id: q\ntitle: "{escaped}"\nquestions:\n  - {{id: a, type: judge, stem: s, answer: true}}\n',
    )
    site.case(title=None)  # the front matter gets the same rule: written below with the escape
    text = (site.root / "cases/2025-test-case.md").read_text(encoding="utf-8")
    site.write("cases/2025-test-case.md", text.replace("---\n", f'---\ntitle: "{escaped}"\n', 1))
    problems = site.problems()
    assert "138****5678" in find(problems, "content/quizzes/q.yml", "字段 title").message
    assert "138****5678" in find(problems, "cases/2025-test-case.md", "字段 title").message


def test_an_image_of_a_file_that_is_never_published_is_an_error(site):
    site.write("content/quizzes/q.yml", yaml.safe_dump({"id": "q", "title": "t", "questions": []}))
    site.write("content/media/.hidden.png", MEDIA_HEADS[".png"])
    site.case(body=case_body() + "![题库](quizzes/q.yml)\n\n![隐藏](media/.hidden.png)\n")
    problems = [p for p in site.problems() if p.path == "cases/2025-test-case.md"]
    assert sum("不会发布" in p.message for p in problems) == 2, problems


def test_cases_folder_holds_case_files_only(site):
    site.case()
    site.write("cases/2025-draft.docx", b"PK\x03\x04")
    assert ".md" in find(site.problems(), "cases/2025-draft.docx", "文件").message


def test_page_switches_have_their_known_values(site):
    site.write(
        "content/about.md", markdown({"title": "关于", "hide": ["toc", "everything"], "icon": "../../x"}, "正文")
    )
    problems = site.problems()
    assert find(problems, "content/about.md", "字段 hide")
    assert find(problems, "content/about.md", "字段 icon")


def test_an_unknown_page_key_is_an_error(site):
    site.write("content/about.md", markdown({"title": "关于", "template": "main.html"}, "正文"))
    assert "未知字段" in find(site.problems(), "content/about.md", "字段 template").message


def test_ids_are_bounded_because_they_become_file_names(site):
    site.case("2025-" + "a" * 100)
    assert "太长" in find(site.problems(), "cases/2025-" + "a" * 100 + ".md", "字段 id").message


def test_paths_are_bounded_because_the_site_nests_them_deeper(site):
    deep = "/".join(["d" * 100] * 12)
    site.write(f"content/jiafeng/{deep}/x.md", "# 家风\n")
    problems = site.problems()
    assert any("路径太长" in p.message for p in problems), problems
