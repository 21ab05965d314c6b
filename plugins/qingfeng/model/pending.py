"""Files that could not be read: what refers to them waits for the fix (one mistake, one message).

A case file with a YAML error is reported at its line. Without this, every quiz question, pack,
booklet and lock entry naming that case would add "不存在" for a case the author can see.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .problems import Problems

# What a reference can name, with the word an author knows it by.
CASE, BOARD, PACK = "case", "board", "pack"
_NOUNS = {CASE: "案例", BOARD: "展板", PACK: "学习包"}
# Where each kind is referred to from.
_REFERRERS = {CASE: ("题库", "学习包", "手册", "锁定文件"), BOARD: ("锁定文件",), PACK: ("手册",)}
# The identifying key of each kind, read from the raw text when the YAML around it is broken.
_KEYS = {CASE: "id", BOARD: "board", PACK: "pack"}
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*")


@dataclass
class Pending:
    files: dict[str, str] = field(default_factory=dict)  # unreadable file -> its kind
    ids: dict[str, set[str]] = field(default_factory=lambda: {kind: set() for kind in _NOUNS})
    unnamed: set[str] = field(default_factory=set)  # kinds with an unreadable file whose id is unknown
    waited: set[str] = field(default_factory=set)  # kinds whose checks were skipped

    def broken(self, kind: str, path: str, meta: dict | None, text: str | None) -> None:
        """Record a file of `kind` that produced no object; its id from the YAML read, else from the text."""
        self.files[path] = kind
        ident = meta.get(_KEYS[kind]) if isinstance(meta, dict) else None
        if not isinstance(ident, str) and text is not None:
            space = "[ \t\u3000]*"  # the mistakes that broke the YAML may be around the id too
            match = re.search(rf"^{space}{_KEYS[kind]}{space}[:：]{space}(\S+)", text, re.M)
            ident = match.group(1) if match else None
        # The id as it was meant: “2025-a”, ＫＳ01 and ks01 are mistakes in writing 2025-a and KS01.
        found = _ID.search(unicodedata.normalize("NFKC", ident)) if isinstance(ident, str) else None
        if found:
            self.ids[kind].add(found.group().upper() if kind == BOARD else found.group())
        else:
            self.unnamed.add(kind)

    def excuses(self, kind: str, ident: object) -> bool:
        """True when `ident` may be the object of an unreadable file: do not call it missing."""
        if (isinstance(ident, str) and ident in self.ids[kind]) or kind in self.unnamed:
            self.waited.add(kind)
            return True
        return False

    def any(self, kind: str) -> bool:
        """True when some file of `kind` is unreadable: a filter that selects nothing may be its doing."""
        if self.ids[kind] or kind in self.unnamed:
            self.waited.add(kind)
            return True
        return False

    def report(self, problems: Problems) -> None:
        """Once per run: which checks wait for which files."""
        if not self.waited:
            return
        # Name the files with mistakes of their own, not those that only wait for another (a pack of a broken case).
        own = {problem.path for problem in problems.items if not problem.note}
        files = [path for path, kind in self.files.items() if kind in self.waited and path in own]
        if not files:
            return
        kinds = [kind for kind in _NOUNS if kind in self.waited]
        referrers = dict.fromkeys(r for kind in kinds for r in _REFERRERS[kind])
        nouns = "、".join(_NOUNS[kind] for kind in kinds)
        problems.add(
            files[0],
            "其他检查",
            f"{'、'.join(files)} 有错误：修正之前，{'、'.join(referrers)}中对这些{nouns}的引用暂不检查",
            note=True,
        )
