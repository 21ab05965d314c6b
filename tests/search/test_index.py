"""The search index as files: every page is found by every character and pair of characters in it,
and by nothing else; read back from the files by this test's own reader of their format."""

import json
import random
import re
import unicodedata

from qingfeng.search.index import Doc, build, shard_of
from qingfeng.search.text import page_text

HAN = re.compile(r"[\u3007\u3400-\u9fff]+")


def read(files: dict[str, str]) -> tuple[dict, dict[str, list[tuple[int, int]]], list[dict]]:
    """(manifest, term -> [(page, weight)], pages) from the files build() writes."""

    def call(text: str) -> list:
        found = re.fullmatch(r"qingfengSearch\((.*)\);\n", text, re.DOTALL)
        return json.loads(f"[{found.group(1)}]")

    kind, _, manifest = call(files["index.js"])
    assert kind == "m"
    version = manifest["v"]
    postings, pages = {}, {}
    for path, text in files.items():
        kind, number, data = call(text)
        if path.startswith(f"{version}/d/"):
            assert kind == "d" and path == f"{version}/d/{number}.js"
            pages[number] = data
        elif path != "index.js":
            assert kind == "s" and path == f"{version}/{number}.js"
            for term, flat in data.items():
                assert shard_of(term, manifest["s"]) == number, term  # where search.js looks for it
                page, pairs = 0, []
                for gap, weight in zip(flat[::2], flat[1::2], strict=True):
                    page += gap
                    pairs.append((page, weight))
                postings[term] = pairs
    assert sorted(pages) == list(range(manifest["n"]))
    return manifest, postings, [pages[n] for n in range(manifest["n"])]


def folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def corpus(n: int, seed: int = 7) -> list[Doc]:
    rng = random.Random(seed)
    chars = "监督检查受贿贪污挪用公款纪委监委案情通报干部群众廉洁家风学校医院工程项目资金"
    docs = []
    for page in range(n):
        body = "，".join("".join(rng.choice(chars) for _ in range(rng.randint(2, 9))) for _ in range(30))
        docs.append(Doc(f"cases/{page}/", f"案例{page}号", f"{body}。 Report 2025 ＡＢＣ"))
    return docs


def test_each_character_and_pair_finds_exactly_the_pages_that_hold_it():
    docs = corpus(300)
    manifest, postings, pages = read(build(docs))
    assert [page["u"] for page in pages] == [doc.url for doc in docs]
    assert manifest["s"] > 1  # big enough to be split
    texts = [folded(f"{doc.title} {doc.text}") for doc in docs]
    grams = set()
    for text in texts:
        for run in HAN.findall(text):
            grams.update(run)
            grams.update(run[i : i + 2] for i in range(len(run) - 1))
    for gram in grams:
        holding = [n for n, text in enumerate(texts) if any(gram in run for run in HAN.findall(text))]
        assert [page for page, _ in postings[gram]] == holding, gram
    # Pairs never span punctuation: "查，受" is no pair.
    assert not any(len(term) == 2 and "，" in term for term in postings)
    for word in ("report", "2025", "abc"):  # Latin words folded (full-width ＡＢＣ too)
        assert [page for page, _ in postings[word]] == list(range(len(docs))), word


def test_a_title_and_a_boost_weigh_more():
    docs = [
        Doc("a/", "其他", "监督" + "，其他内容" * 20),
        Doc("b/", "监督", "其他内容" * 20),
        Doc("c/", "其他", "监督" + "，其他内容" * 20, boost=3),
    ]
    _, postings, _ = read(build(docs))
    weights = dict(postings["监督"])
    assert weights[1] > weights[0] and weights[2] > weights[0]


def test_texts_are_data_that_no_browser_reads_as_markup():
    hostile = "</script><script>alert(1)</script>\u2028<img src=x onerror=alert(2)>&amp;"
    files = build([Doc("x/", hostile, hostile)])
    assert all("<" not in text and ">" not in text and "\u2028" not in text for text in files.values())
    _, _, pages = read(files)
    assert pages == [{"u": "x/", "t": hostile, "x": hostile}]


def test_an_empty_site_has_an_index_that_finds_nothing():
    manifest, postings, pages = read(build([]))
    assert manifest["n"] == 0 and postings == {} and pages == []


def test_the_version_changes_with_the_text():
    one = read(build([Doc("a/", "甲", "监督")]))[0]["v"]
    assert one == read(build([Doc("a/", "甲", "监督")]))[0]["v"]
    assert one != read(build([Doc("a/", "甲", "监察")]))[0]["v"]


def test_page_text_reads_what_a_reader_sees():
    html = (
        '<h2 id="x">案情<a class="headerlink" href="#x">¶</a></h2><p>某局<strong>原局长</strong>受贿</p>'
        "<p>第二段</p><script>var secret = 1;</script><style>p{}</style>"
        '<p><ruby>朴<rt data-search-exclude="">pǔ</rt></ruby>素<span data-search-exclude><b>不</b>读</span></p>'
        "<ul><li>一</li><li>二</li></ul>&lt;img&gt; &amp;<br>末"
    )
    assert page_text(html) == "案情 某局原局长受贿 第二段 朴素 一 二 <img> & 末"


def test_page_text_reads_markup_as_a_browser_does_where_a_regular_expression_could_slip():
    html = (
        '<p title="a > b">甲</p><SCRIPT>if (a<b) document.write("<p>不读</p>")</SCRIPT>'
        "<div data-search-exclude><div>不读</div>也不读</div><p>乙<!-- 注释 <p>不读</p> -->丙</p>"
        "<a class='headerlink x' href=#a>¶</a><a class=\"plain\">丁</a>< 戊 &lt;p&gt;<!-- 没有结束"
    )
    assert page_text(html) == "甲 乙丙 丁< 戊 <p>"
