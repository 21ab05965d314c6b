"""The search index: every page's terms, in shards that a query fetches one at a time.

A term is a CJK character, two adjacent CJK characters, or a word of Latin letters and
digits, in the text folded by NFKC and lower case. A query of any length is found by
its characters (one) or by all its character pairs (two or more): no word list decides what
is a word, so a name or a word in the middle of a body is always found.

Files, all scripts so that they load from `file://` as well as from a server (a page cannot
fetch a file from disk, it can load a script):
- `index.js`: which version of the index is current, and its size (never cached for long);
- `<version>/<shard>.js`: the terms whose hash falls in that shard, with their pages and weights;
- `<version>/d/<page>.js`: one page's address, title, text and tags, for its result and excerpt.

search.js reads the rule for terms from index.js; it has the same hash: change both together.
"""

from __future__ import annotations

import hashlib
import operator
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model.script import HAN_CHARACTERS
from ..render.scriptdata import script_call

# Han characters (with the 〇 of 二〇二五) or a Latin word; search.js gets it from index.js.
TERMS = f"([\u3007{HAN_CHARACTERS}]+)|([0-9a-z\u00c0-\u024f]+)"
_TERMS = re.compile(TERMS)
# BM25's constants, as Lucene has them; weights are kept as small integers.
K1, B, SCALE = 1.2, 0.75, 10
TITLE_WEIGHT = 5  # a term in the title counts as often as this in the body
PAIRS_PER_SHARD = 4000  # (page, weight) pairs in a shard, on average: a few KB gzipped
CALLBACK = "qingfengSearch"  # what every file of the index calls (search.js defines it)
INDEX = "index.js"  # the file search.js loads first: it names the version folder of the others


@dataclass(frozen=True)
class Doc:
    """A page as search knows it: address relative to the site's root, title and text."""

    url: str
    title: str
    text: str
    tags: tuple[str, ...] = ()
    boost: float = 1.0  # a page's `search: boost:`


def terms(text: str) -> Counter[str]:
    """How often each term occurs in a text."""
    counts: Counter[str] = Counter()
    for run, word in _TERMS.findall(unicodedata.normalize("NFKC", text).lower()):
        if run:
            counts.update(run)
            counts.update(map(operator.add, run, run[1:]))
        else:
            counts[word] += 1
    return counts


def shard_of(term: str, shards: int) -> int:
    """FNV-1a over the term's code points, folded to one of `shards` (a power of two)."""
    value = 0x811C9DC5
    for char in term:
        value = ((value ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return value & (shards - 1)


def counted(doc: Doc) -> Counter[str]:
    """The terms of a page, each as often as it counts: a term of its title or tags as TITLE_WEIGHT times."""
    counts = terms(doc.text)
    for term, n in terms(" ".join((doc.title, *doc.tags))).items():
        counts[term] += TITLE_WEIGHT * n
    return counts


def _postings(docs: Sequence[Doc], counted: Sequence[Counter[str]]) -> dict[str, list[int]]:
    """term -> [page, weight, page, weight, …], pages in ascending order."""
    lengths = [counts.total() for counts in counted]
    average = sum(lengths) / len(lengths) if lengths else 1.0
    postings: dict[str, list[int]] = defaultdict(list)
    for page, (doc, counts, length) in enumerate(zip(docs, counted, lengths, strict=True)):
        norm = K1 * (1 - B + B * length / (average or 1.0))
        # Worked out once per page for the counts most terms have.
        common = [_weight(tf, norm, doc.boost) for tf in range(_COMMON)]
        for term, tf in counts.items():
            postings[term] += (page, common[tf] if tf < _COMMON else _weight(tf, norm, doc.boost))
    return postings


_COMMON = 8


def _weight(tf: int, norm: float, boost: float) -> int:
    """BM25's weight of a term that occurs `tf` times in a page, as an integer of at least 1."""
    return max(1, round(SCALE * boost * tf * (K1 + 1) / (tf + norm)))


def _shard_count(pairs: int) -> int:
    count = 1
    while count * PAIRS_PER_SHARD < pairs:
        count *= 2
    return count


def _gaps(flat: list[int]) -> list[int]:
    """Pages as the difference from the one before: shorter numbers, smaller files."""
    out = flat.copy()
    out[2::2] = map(operator.sub, flat[2::2], flat[0:-2:2])
    return out


def build(docs: Sequence[Doc], counts: Sequence[Counter[str]] | None = None) -> dict[str, str]:
    """The index's files, path (below the index's folder) -> text. `counts`: counted(doc) of each
    doc, when they are known already."""
    postings = _postings(docs, [counted(doc) for doc in docs] if counts is None else counts)
    shards = _shard_count(sum(len(flat) for flat in postings.values()) // 2)
    grouped: list[dict[str, list[int]]] = [{} for _ in range(shards)]
    for term, flat in postings.items():
        grouped[shard_of(term, shards)][term] = _gaps(flat)
    files = {f"{n}.js": script_call(CALLBACK, "s", n, group) for n, group in enumerate(grouped)}
    for page, doc in enumerate(docs):
        shown = {"u": doc.url, "t": doc.title, "x": doc.text, **({"g": list(doc.tags)} if doc.tags else {})}
        files[f"d/{page}.js"] = script_call(CALLBACK, "d", page, shown)
    version = _version(files.values())
    out = {f"{version}/{path}": text for path, text in files.items()}
    out[INDEX] = script_call(CALLBACK, "m", 0, {"v": version, "n": len(docs), "s": shards, "t": TERMS})
    return out


def _version(texts: Iterable[str]) -> str:
    digest = hashlib.sha256()
    for text in texts:
        digest.update(text.encode("utf-8"))
    return digest.hexdigest()[:12]
