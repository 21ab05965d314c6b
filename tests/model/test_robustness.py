"""Whatever a content file holds, the author gets problems, never a traceback."""

import copy

import pytest
import yaml
from qingfeng.model import ContentError

from tests.conftest import case_meta, dump, markdown

ODD = [None, 0, -1, 3.5, True, "", "文本", [], [None], [[]], {}, {"a": {"b": []}}, "2025-99-99", "<b>&"]


def assert_clean(site):
    try:
        site.load()
    except ContentError as error:
        assert all(p.path and p.where and p.message for p in error.problems)


def paths(data, prefix=()):
    """Every key path in nested mappings and lists."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield (*prefix, key)
            yield from paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield (*prefix, index)
            yield from paths(value, (*prefix, index))


def replaced(data, path, value):
    data = copy.deepcopy(data)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


CASE = case_meta(
    "2025-x",
    questions=[{"id": "q", "type": "multiple", "stem": "?", "options": ["甲", "乙", "丙"], "answer": ["A", "B"]}],
    video={"file": "v.mp4"},
    rules=["条例"],
)
BANK = {"id": "b", "title": "题库", "pass": 80, "draw": 1, "questions": CASE["questions"]}
PACK = {"pack": "p", "title": "包", "select": {"sector": ["教育"], "year": 2025}, "quiz": 1}
PARKS = {"parks": [{"id": "k", "name": "公园", "place": "某地"}]}
BOARD = {"board": "KS01", "title": "羊续悬鱼", "theme": "廉洁典故", "size": "600x900"}
LOCK = {"boards": {"KS01": {"url": "https://x.cn/b/KS01/", "first_built": "2026-11-22", "retired": "KS01"}}}
BOOKLETS = {
    "booklets": [
        {
            "id": "j",
            "title": "警示录",
            "paper": "A5",
            "imposition": "saddle",
            "contents": [{"cases": {"sector": "教育"}}, {"pack": "p"}, {"confessions": ["2025-x"]}],
        }
    ]
}


# Each content file: where it goes, how its data is written, and that data as the format wants it.
FILES = {
    "case": ("cases/x.md", lambda data: markdown(data, "## 案情\n\n事实。\n"), CASE),
    "bank": ("content/quizzes/b.yml", dump, BANK),
    "pack": ("content/packs/p.md", lambda data: markdown(data, "议程"), PACK),
    "parks": ("site_config/parks.yml", dump, PARKS),
    "board": ("content/park/k/b.md", lambda data: markdown(data, "正文"), BOARD),
    "lock": ("site_config/qr-lock.yml", dump, LOCK),
    "booklets": ("site_config/booklets.yml", dump, BOOKLETS),
}
VALID = {name: write(data) for name, (_, write, data) in FILES.items()}  # written once: dumping is slow


def write_all(site, **changed):
    """Every file valid except those in `changed` (name: data)."""
    site.write("content/v.mp4", b"\x00\x00\x00\x18ftypmp42")
    for name, (rel, write, _) in FILES.items():
        site.write(rel, write(changed[name]) if name in changed else VALID[name])


@pytest.mark.parametrize("name", FILES)
def test_any_value_anywhere_gives_clean_problems(site, name):
    data = FILES[name][2]
    for path in paths(data):
        for value in ODD:
            write_all(site, **{name: replaced(data, path, value)})
            assert_clean(site)


@pytest.mark.parametrize("top", [None, 5, "文本", [1, 2], [{"a": 1}]])
@pytest.mark.parametrize(
    "file", ["content/quizzes/b.yml", "site_config/parks.yml", "site_config/qr-lock.yml", "site_config/booklets.yml"]
)
def test_odd_whole_files(site, file, top):
    write_all(site)
    site.write(file, yaml.safe_dump(top, allow_unicode=True))
    assert_clean(site)


@pytest.mark.parametrize(
    "garbage",
    [
        bytes(range(256)),
        b"\xff\xfe\x00\x00",
        b"---\n- a\n---\n",
        b"---\n'\n---\n",
        b"---\n!!python/object:os.system {}\n---\n",
    ],
)
def test_garbage_in_markdown_files(site, garbage):
    write_all(site)
    for file in ("cases/x.md", "content/packs/p.md", "content/park/k/b.md", "content/jiafeng/j.md"):
        site.write(file, garbage)
    with pytest.raises(ContentError):
        site.load()
