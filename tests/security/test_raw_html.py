"""Attack 5: raw HTML that scripts, frames or loads from another host, in every kind of body."""

import pytest
import yaml

from tests.conftest import BODY, case_body, case_meta, markdown
from tests.security.conftest import (
    BASE_CASE,
    REFUSED,
    assert_problem_at,
    assert_refused,
    attempt,
    line_of,
)

PREFIX = "/raw-html/"


def attacks(far, image: str) -> dict[str, str]:
    """One block each; `far(path)` is a canary URL, `image` an existing local image relative to the body."""
    return {
        "script": "<script>window.__pwned=1</script>",
        "script-src": f'<script src="{far(PREFIX + "x.js")}"></script>',
        "onclick": '<p onclick="window.__pwned=1">点击</p>',
        "onerror": f'<img src="{image}" alt="图" onerror="window.__pwned=1">',
        "onmouseover-uppercase": '<span ONMOUSEOVER="window.__pwned=1">悬停</span>',
        "javascript-link-html": '<a href="javascript:window.__pwned=1">链接</a>',
        "javascript-link-markdown": "[链接](javascript:window.__pwned=1)",
        "javascript-link-entity-obfuscated": '<a href="jav&#x09;ascript:window.__pwned=1">链接</a>',
        "data-url": '<a href="data:text/html,&lt;script&gt;window.__pwned=1&lt;/script&gt;">数据</a>',
        "iframe": f'<iframe src="{far(PREFIX + "frame")}"></iframe>',
        "remote-img": f'<img src="{far(PREFIX + "x.png")}" alt="远程">',
        "remote-img-srcset": f'<img src="{image}" srcset="{far(PREFIX + "2x.png")} 2x" alt="远程">',
        "style-element": f"<style>body{{background:url({far(PREFIX + 'bg.png')})}}</style>",
        "form": f'<form action="{far(PREFIX + "form")}"><input name="a"></form>',
        "base": f'<base href="{far(PREFIX)}">',
        "meta-refresh": f'<meta http-equiv="refresh" content="0;url={far(PREFIX + "r")}">',
        "object": f'<object data="{far(PREFIX + "o.swf")}"></object>',
        "embed": f'<embed src="{far(PREFIX + "e.swf")}">',
        "svg-script": "<svg><script>window.__pwned=1</script></svg>",
        "markdown-image-other-host": f"![远程图片]({far(PREFIX + 'm.png')})",
        "markdown-image-leaves-content": "![图](../../../../etc/hosts)",
        "markdown-image-missing": "![图](media/missing-file.png)",
        "attr-list-onclick": '带属性的段落\n{: onclick="window.__pwned=1" }',
    }


# The line reported for a block: its first line, except attr_list which names the `{: }` line.
def needle(key: str, block: str) -> str:
    return block.splitlines()[-1] if key == "attr-list-onclick" else block


LOCATIONS = {
    "case": (f"cases/{BASE_CASE}.md", "media/ok.png"),
    "board": ("content/park/kushan/ks01.md", "../../media/ok.png"),
    "page": ("content/about.md", "media/ok.png"),
}
KEYS = list(attacks(str, "x"))


@pytest.fixture(scope="module")
def outcome(base, tmp_path_factory, canary):
    def overlay(project):
        where = {}

        def body_of(location):
            image = LOCATIONS[location][1]
            blocks = attacks(canary.url, image)
            return blocks, "\n\n".join(blocks.values()) + "\n"

        blocks, hostile = body_of("case")
        case = markdown(
            case_meta(BASE_CASE, title="基础案例甲局原局长受贿案"),
            case_body({**BODY, "案情": BODY["案情"] + "\n\n" + hostile}),
        )
        texts = {"case": (case, blocks)}

        project.config["site_url"] = "https://lian.test.gov.cn/"  # boards need a real host (CONTENT-FORMAT 7)
        project.save_config()
        parks = {"parks": [{"id": "kushan", "name": "枯山湿地公园", "place": "兴义市"}]}
        project.write("site_config/parks.yml", yaml.safe_dump(parks, allow_unicode=True))
        blocks, hostile = body_of("board")
        board = markdown({"board": "KS01", "title": "羊续悬鱼", "theme": "廉洁典故"}, "羊续悬鱼的故事。\n\n" + hostile)
        texts["board"] = (board, blocks)

        blocks, hostile = body_of("page")
        page = markdown({"title": "关于"}, "# 关于\n\n本站简介。\n\n" + hostile)
        texts["page"] = (page, blocks)

        for location, (text, blocks) in texts.items():
            path = LOCATIONS[location][0]
            project.write(path, text)
            for key, block in blocks.items():
                where[(location, key)] = (path, line_of(text, needle(key, block)))
        return where

    return attempt(base, tmp_path_factory.mktemp("raw") / "p", overlay)


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("location", list(LOCATIONS))
def test_error_at_file_and_line(outcome, location, key):
    path, line = outcome.extra[(location, key)]
    assert_problem_at(outcome, path, line)


@pytest.mark.parametrize("invariant", REFUSED)
def test_refused(outcome, invariant):
    assert_refused(outcome, invariant)


def test_no_request_reached_the_canary(outcome, canary):
    assert canary.hits(PREFIX) == []
