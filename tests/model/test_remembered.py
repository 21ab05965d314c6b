"""`mkdocs serve` loads the project on every save, keeping what it read (model/load.py, Remembered):
a load that takes unchanged case files from the last one gives what a first load gives."""

import pytest
from qingfeng.model import ContentError, Remembered, load, load_project

from tests.conftest import BODY, MEDIA_HEADS, Site, case_body

URL = "https://lian.qingfeng.test/"


def loaded(site: Site, remembered: Remembered | None = None) -> tuple[list, list[str]]:
    """The cases, or the problems, as a load gives them."""
    try:
        return load_project(site.root, site_url=URL, remembered=remembered).cases, []
    except ContentError as error:
        return [], [str(problem) for problem in error.problems]


@pytest.fixture
def parsed(monkeypatch) -> list[str]:
    """The case files this test's loads parse."""
    seen = []
    parse = load.parse_case
    monkeypatch.setattr(load, "parse_case", lambda doc, path, *args: seen.append(path) or parse(doc, path, *args))
    return seen


def test_unchanged_files_are_not_read_again_and_the_result_is_a_first_loads(site, parsed):
    for n in range(4):
        site.case(f"2025-c{n}", title=f"案例{n}")
    remembered = Remembered()
    assert len(loaded(site, remembered)[0]) == 4
    site.case("2025-c1", title="改过的标题")
    parsed.clear()
    assert loaded(site, remembered) == loaded(site)
    assert parsed == ["cases/2025-c1.md", *(f"cases/2025-c{n}.md" for n in range(4))]  # then the fresh load's
    assert [case.title for case in loaded(site, remembered)[0] if case.id == "2025-c1"] == ["改过的标题"]


def test_problems_are_reported_again_from_what_was_remembered(site):
    site.case("2025-good")
    site.case("2025-bad", role="局长")
    remembered = Remembered()
    first = loaded(site, remembered)
    assert first[1] and "cases/2025-bad.md" in first[1][0]
    assert loaded(site, remembered) == first  # nothing changed: the same problems, not none
    site.case("2025-bad")
    assert loaded(site, remembered) == loaded(site) and loaded(site)[1] == []


def test_a_file_added_to_content_is_seen_by_unchanged_cases(site):
    body = case_body({**BODY, "案情": "![现场](media/xianchang.jpg)\n\n" + BODY["案情"]})
    site.case("2025-photo", body=body)
    remembered = Remembered()
    assert any("xianchang.jpg" in problem for problem in loaded(site, remembered)[1])
    site.write("content/media/xianchang.jpg", MEDIA_HEADS[".jpg"] + bytes(64))
    assert loaded(site, remembered) == loaded(site) and loaded(site)[1] == []


def test_a_removed_case_is_gone_and_a_new_one_is_read(site):
    site.case("2025-a")
    site.case("2025-b")
    remembered = Remembered()
    loaded(site, remembered)
    (site.root / "cases/2025-a.md").unlink()
    site.case("2025-c")
    cases = loaded(site, remembered)[0]
    assert sorted(case.id for case in cases) == ["2025-b", "2025-c"]
    assert cases == loaded(site)[0]
