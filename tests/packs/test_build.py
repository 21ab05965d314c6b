"""Study pack pages, built for real."""

import json
import re

import pytest

from tests.conftest import BODY, case_body, markdown, shared


def lessons(text: str) -> dict:
    return {**BODY, **{h: f"{h}：{text}。" for h in ("以案说德", "以案说纪", "以案说法", "以案说责")}}


@pytest.fixture(scope="module")
def packed(new_site):
    """Three cases and a pack of the two in 教育, built once: the tests here only read it."""
    site = new_site("packed")
    q = [{"id": "q1", "type": "judge", "stem": "收受礼金违纪吗？", "answer": True, "explain": "违反廉洁纪律。"}]
    site.case(
        "2024-old",
        title="旧的教育案",
        sector=["教育"],
        date="2024-06",
        body=case_body({**lessons("旧案"), "讨论": "- 旧案问题一？\n- 旧案问题二？"}),
        questions=q,
    )
    site.case(
        "2025-new",
        title="新的教育案",
        sector=["敎育"],
        date="2025-02",
        body=case_body({**lessons("新案"), "讨论": "- 新案问题？"}),
    )
    site.case("2025-other", title="医疗案", sector=["医疗卫生"], date="2025-05")
    site.write(
        "content/packs/meeting.md",
        markdown(
            {"pack": "jiaoyu-2026", "title": "教育系统警示教育学习包", "select": {"sector": "教育"}, "quiz": True},
            "## 会议议程\n\n主持人讲话。\n",
        ),
    )
    site.write("content/links.md", "[学习包](packs/meeting.md)\n")
    with shared(site):
        yield site


def test_pack_page_lives_at_its_id_and_shows_everything_in_order(packed):
    html = packed.html("packs/jiaoyu-2026/index.html")
    assert not (packed.root / "site/packs/meeting").exists()
    content = html[html.index("主持人讲话") :]  # after the pack's own table of contents
    order = [
        content.index(s)
        for s in ("主持人讲话", "新的教育案", "：新案。", "旧的教育案", "：旧案。", "讨论题汇总", "data-qf-quiz")
    ]
    assert order == sorted(order)
    for lesson in ("以案说德", "以案说纪", "以案说法", "以案说责"):
        assert html.count(f">{lesson}</h3>") == 2
    summary = html[html.index("讨论题汇总") :]
    assert "新案问题？" in summary and "旧案问题一？" in summary and "旧案问题二？" in summary
    assert "医疗案" not in html
    assert 'href="../../cases/2025-new/"' in html
    assert '<a href="../packs/jiaoyu-2026/">学习包</a>' in packed.html("links/index.html")


def test_pack_quiz_keeps_questions_tied_to_their_case(packed):
    html = packed.html("packs/jiaoyu-2026/index.html")
    data = json.loads(re.search(r"data-qf-quiz-data>(.*?)</script>", html, re.S).group(1))
    assert [q["case"] for q in data["questions"].values()] == [{"title": "旧的教育案", "url": "../../cases/2024-old/"}]
    keys = re.findall(r'data-qf-question="([^"]+)"', html)
    assert keys == list(data["questions"]) and all(key.startswith("2024-old/") for key in keys)


def test_case_page_links_to_packs_that_use_it(packed):
    used = packed.html("cases/2024-old/index.html")
    assert 'href="../../packs/jiaoyu-2026/">教育系统警示教育学习包</a>' in used
    assert "收录于学习包" in used  # so that its absence below means something
    assert "收录于学习包" not in packed.html("cases/2025-other/index.html")


def test_pack_list(packed):
    html = packed.html("packs/index.html")
    assert 'href="jiaoyu-2026/"' in html and "教育系统警示教育学习包" in html and "2 个案例" in html
