"""Every problem in the content is reported in one run, one line each."""

import yaml

from tests.conftest import markdown


def test_problems_in_many_files_are_reported_together(site):
    site.case("2025-a", role="局长")
    site.case("2025-b", summary="字" * 130, file="cases/b.md")
    site.write("cases/c.md", "---\nid: c\ntitle: [\n---\n")
    site.write(
        "content/quizzes/q.yml",
        yaml.safe_dump(
            {
                "id": "q",
                "title": "题",
                "questions": [{"id": "1", "type": "single", "stem": "?", "options": ["甲", "乙"], "answer": "C"}],
            }
        ),
    )
    site.write("content/packs/p.md", markdown({"pack": "p", "title": "包", "cases": ["nope"]}))
    site.write("content/about.md", "电话 13812345678\n")
    problems = site.problems()
    assert {p.path for p in problems} == {
        "cases/2025-a.md",
        "cases/b.md",
        "cases/c.md",
        "content/quizzes/q.yml",
        "content/packs/p.md",
        "content/about.md",
    }
    for problem in problems:
        line = str(problem)
        assert "\n" not in line
        assert line.startswith(f"{problem.path}: {problem.where}: ")
