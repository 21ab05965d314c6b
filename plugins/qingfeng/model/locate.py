"""The line of each field a problem names: "字段 sector[2]" becomes "字段 sector[2]（第 9 行）".

Fields are validated from decoded YAML, which has no lines. Only files with a problem are read again
(composed, not constructed), so valid content costs nothing.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import yaml

from .frontmatter import END, FENCE, StrictLoader, read_text
from .problems import Problem, Problems

_FIELD = "字段 "


def _yaml_of(path: Path, rel: str) -> tuple[str, int] | None:
    """The YAML a file holds and the file line it starts at: a Markdown file's front matter, or all of it."""
    text = read_text(path, rel, Problems())  # a file that cannot be read is reported by the load already
    if text is None or path.suffix.lower() != ".md":
        return None if text is None else (text, 1)
    lines = text.split("\n")
    if not FENCE.match(lines[0]):
        return None
    end = next((i for i in range(1, len(lines)) if END.match(lines[i])), None)
    return ("\n".join(lines[1:end]), 2) if end else None


def _lines(text: str, first_line: int) -> dict[str, int]:
    """Every field's dotted name (as Fields spells it: a.b, a[1]) mapped to its file line."""
    try:
        root = yaml.compose(text, Loader=StrictLoader)  # the loader's own parser: libyaml where built
    except (yaml.YAMLError, RecursionError):
        return {}
    found: dict[str, int] = {}

    def walk(node: yaml.Node, name: str) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    child = f"{name}.{key.value}" if name else key.value
                    found.setdefault(child, first_line + key.start_mark.line)
                    walk(value, child)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value, start=1):
                child = f"{name}[{index}]"
                found.setdefault(child, first_line + item.start_mark.line)
                walk(item, child)

    if root is not None:
        walk(root, "")
    return found


def with_lines(problems: list[Problem], root: Path) -> list[Problem]:
    """The problems, each field that the file holds given its line."""
    cache: dict[str, dict[str, int]] = {}
    located = []
    for problem in problems:
        name = problem.where[len(_FIELD) :] if problem.where.startswith(_FIELD) else None
        if name is None or "（第" in name:
            located.append(problem)
            continue
        if problem.path not in cache:
            source = _yaml_of(root / problem.path, problem.path)
            cache[problem.path] = _lines(*source) if source else {}
        line = cache[problem.path].get(name)
        located.append(replace(problem, where=f"{problem.where}（第 {line} 行）") if line else problem)
    return located
