"""Problems found in content: every one is collected, then reported together."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One content problem: where it is and what is wrong, for an author."""

    path: str  # relative to the project root, with forward slashes
    where: str  # a field, a heading or a line, e.g. "字段 role" or "第 3 行"
    message: str
    note: bool = False  # not a problem of its own: which checks wait for another's fix

    def __str__(self) -> str:
        return f"{self.path}: {self.where}: {self.message}"


class ContentError(Exception):
    """Raised once, after loading, with every problem in the content."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def report(self) -> str:
        found = [p for p in self.problems if not p.note]
        notes = [p for p in self.problems if p.note]
        return f"内容检查发现 {len(found)} 个问题：\n" + "\n".join(str(p) for p in [*found, *notes])


class Problems:
    """Collector passed through the loaders; one per load."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, path: str, where: str, message: str, note: bool = False) -> None:
        self.items.append(Problem(path, where, message, note))

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise ContentError(self.items)
