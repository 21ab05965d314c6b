"""A large project's cases are read by several processes: what comes out is what one process gives.

Forking is only done from a process with a single thread, which a pytest worker is not; so the
comparison runs in a fresh interpreter, which reads the project twice: as it comes (in parts, one
per core) and with the parts switched off.
"""

import json
import os
import subprocess
import sys

import pytest
from qingfeng.model.load import CASES_PER_WORKER

from tests.conftest import ENV, Site

COUNT = 2 * CASES_PER_WORKER + 200  # two parts on two cores
MIDDLE, LAST = COUNT // 2 + 100, COUNT - 1

COMPARE = """
import json, sys
from qingfeng.model import load
from qingfeng.model.problems import ContentError

parts = []
forked = load.map_forked
load.map_forked = lambda task, items, **options: parts.append(len(items)) or forked(task, items, **options)

def read():
    try:
        project = load.load_project(sys.argv[1], site_url="https://lian.qingfeng.test/")
        return [c.id for c in project.cases], []
    except ContentError as error:
        return [], [str(p) for p in error.problems]

split = read()
load.CASES_PER_WORKER = 10**9
whole = read()
print(json.dumps({"parts": parts, "split": split, "whole": whole}, ensure_ascii=False))
"""


def many(site: Site) -> Site:
    for n in range(COUNT):
        site.case(f"2025-case-{n:04d}", title=f"案例{n}")
    return site


def compare(site: Site) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", COMPARE, str(site.root)], capture_output=True, text=True, env=ENV, check=True
    )
    return json.loads(result.stdout)


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: the cases are read in one part")
def test_valid_cases_come_out_the_same_and_in_order(site):
    found = compare(many(site))
    assert found["parts"][0] >= 2, found["parts"]  # really split
    assert found["split"] == found["whole"]
    assert len(found["split"][0]) == COUNT


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: the cases are read in one part")
def test_problems_in_every_part_come_out_the_same_and_in_order(site):
    many(site)
    site.case("2025-case-0003", date="2025-13", file="cases/2025-case-0003.md")  # early
    site.case(f"2025-case-{LAST:04d}", amount="很多", file=f"cases/2025-case-{LAST:04d}.md")  # in the last part
    site.case("2025-case-0002", file="cases/zz-copy.md")  # an id the first part has, at the end
    site.write(f"cases/2025-case-{MIDDLE:04d}.md", "---\nid: [unclosed\n---\n")  # unreadable, in the second part
    found = compare(site)
    assert found["parts"][0] >= 2, found["parts"]
    assert found["split"] == found["whole"]
    problems = found["split"][1]
    assert [p.split(":")[0] for p in problems] == [
        "cases/2025-case-0003.md",
        f"cases/2025-case-{MIDDLE:04d}.md",
        f"cases/2025-case-{LAST:04d}.md",
        "cases/zz-copy.md",
    ], problems
