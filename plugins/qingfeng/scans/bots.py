"""Bots and crawlers, told by their user agent: the patterns of crawler-user-agents, in one search.

Python's `re` tries the alternatives of a pattern one after the other at every position, and the
list has 1,500: half a millisecond a user agent, too slow for a year of logs. Nine in ten are
plain words; those go into a trie, so that at each position only the words that begin with that
character are tried, and the search says the same as the list pattern by pattern (tests/scans).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

_SPECIAL = frozenset(".^$*+?()[]{}|")


def _plain(pattern: str) -> str | None:
    """The text `pattern` matches if it is plain text (escaped punctuation allowed), else None."""
    text = []
    escaped = False
    for ch in pattern:
        if escaped:
            if ch.isalnum() or ch == "_":
                return None  # \d, \s, \b: a class or an assertion, not a character
            text.append(ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch in _SPECIAL:
            return None
        else:
            text.append(ch)
    return None if escaped or not text else "".join(text)


def _trie(words: Iterable[str]) -> str:
    """One pattern that matches where any of `words` begins."""
    root: dict = {}
    for word in sorted(set(words), key=len):  # shorter first: a word that begins with another adds nothing
        node = root
        for ch in word:
            if None in node:
                break
            node = node.setdefault(ch, {})
        else:
            node.clear()
            node[None] = True

    def pattern(node: dict) -> str:
        if None in node:
            return ""
        branches = [re.escape(ch) + pattern(child) for ch, child in sorted(node.items())]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return pattern(root)


def compile_patterns(patterns: Iterable[str]) -> re.Pattern[bytes]:
    """A bytes pattern that matches a user agent where any of `patterns` (case-sensitive) does."""
    patterns = list(patterns)
    words = [word for word in map(_plain, patterns) if word is not None]
    others = [f"(?:{p})" for p in patterns if _plain(p) is None]
    return re.compile("|".join([_trie(words), *others]).encode("utf-8"))


@lru_cache(maxsize=1)
def _list() -> re.Pattern[bytes]:
    import crawleruseragents  # 0.5 MB of JSON: read only when logs are counted

    return compile_patterns(entry["pattern"] for entry in crawleruseragents.CRAWLER_USER_AGENTS_DATA)


class Bots:
    """Whether a user agent is a bot, remembered per user agent, since the same ones come back.

    Workers read parts of the logs in forked processes (scan.py): what one learns it hands back
    (`learned`), and the next workers, forked later, start out knowing it.
    """

    KEPT = 1 << 17  # user agents remembered, at the most

    def __init__(self) -> None:
        self._search = _list().search
        self._known: dict[bytes, bool] = {}
        self._new: dict[bytes, bool] = {}

    def is_bot(self, agent: bytes) -> bool:
        verdict = self._known.get(agent)
        if verdict is None:
            # Every browser names itself: a request that sends no user agent comes from a program.
            verdict = agent.strip() in (b"", b"-") or self._search(agent) is not None
            if len(self._known) < self.KEPT:
                self._known[agent] = self._new[agent] = verdict
        return verdict

    def learned(self) -> dict[bytes, bool]:
        """What this process worked out since it last said."""
        new, self._new = self._new, {}
        return new

    def learn(self, verdicts: dict[bytes, bool]) -> None:
        for agent, verdict in verdicts.items():
            if len(self._known) >= self.KEPT:
                break
            self._known.setdefault(agent, verdict)
