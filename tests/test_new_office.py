"""The README's 给新单位 steps, performed literally on a copy of the project, give a clean site."""

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml

from tests.conftest import BIN, ENV, REPO, case_body, case_meta, markdown

SITE_URL = "https://lian.xingyi-jw.gov.cn/"


def readme_steps() -> str:
    """The shell block of the README's 给新单位 section, exactly as a new office reads it."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## 给新单位\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.S)
    assert len(blocks) == 1, "the section holds one block of commands"
    return "\n".join(line.strip() for line in blocks[0].splitlines())


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.menu: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and "md-nav__link" in (attrs.get("class") or "").split() and attrs.get("href"):
            self.menu.append(attrs["href"])


def test_readme_steps_give_a_clean_site(tmp_path: Path):
    root = tmp_path / "office"
    for name in ("content", "cases", "site_config"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")

    # Step 1: the commands as written.
    subprocess.run(["bash", "-euc", readme_steps()], cwd=root, check=True)
    assert not list((root / "cases").glob("*.md"))
    # Step 2: the office's own home page and 家风 lead.
    (root / "content/index.md").write_text("# 兴义清风\n\n本站收录本地查处的典型案例。\n", encoding="utf-8")
    (root / "content/jiafeng/index.md").write_text("# 家风家训\n\n本栏目收录家风故事。\n", encoding="utf-8")
    # Step 3: site_name and a real site_url.
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^site_name: .*$", "site_name: 兴义清风", config)
    config = re.sub(r"(?m)^site_url: .*$", f"site_url: {SITE_URL}", config)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    # Step 4: the office's park and one board.
    park = {"parks": [{"id": "wanfeng", "name": "万峰林廉洁文化长廊", "place": "兴义市"}]}
    (root / "site_config/parks.yml").write_text(yaml.safe_dump(park, allow_unicode=True), encoding="utf-8")
    board = {"board": "WF01", "title": "羊续悬鱼", "theme": "廉洁典故"}
    (root / "content/park/wanfeng").mkdir(parents=True)
    (root / "content/park/wanfeng/wf01.md").write_text(markdown(board, "羊续为官清廉。\n"), encoding="utf-8")
    # Step 5: one case.
    meta = case_meta("2025-xy-shitang", title="兴义某中学原校长李某受贿案")
    (root / "cases/2025-xy-shitang.md").write_text(markdown(meta, case_body()), encoding="utf-8")

    check = subprocess.run(
        [str(BIN / "qingfeng"), "check"], cwd=root, capture_output=True, text=True, env=ENV, check=False
    )
    assert check.returncode == 0, check.stderr
    build = subprocess.run(
        [str(BIN / "mkdocs"), "build"], cwd=root, capture_output=True, text=True, env=ENV, check=False
    )
    assert build.returncode == 0, build.stderr
    assert "WARNING" not in build.stderr, build.stderr

    site = root / "site"
    parser = _Links()
    parser.feed((site / "index.html").read_text(encoding="utf-8"))
    assert len(parser.menu) >= 10, parser.menu  # every entry of the sample's nav
    for href in parser.menu:
        path = urlsplit(urljoin("https://x/", href)).path.lstrip("/")
        target = site / path / "index.html" if not path or path.endswith("/") else site / path
        assert target.is_file(), f"menu link {href} leads nowhere"
    lock = yaml.safe_load((root / "site_config/qr-lock.yml").read_text(encoding="utf-8"))
    assert lock["boards"]["WF01"]["url"] == f"{SITE_URL}b/WF01/"
    assert lock["cases"]["2025-xy-shitang"]["url"] == f"{SITE_URL}cases/2025-xy-shitang/"
    assert "2025-jlp-hongguang" not in (site / "cases/index.html").read_text(encoding="utf-8")
