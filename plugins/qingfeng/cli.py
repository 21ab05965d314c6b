"""`qingfeng check`: validate the content without building the site.

Reads mkdocs.yml as plain YAML (no MkDocs import), so the check runs fast
enough for a pre-commit hook and outlives the engine.
"""

from __future__ import annotations

import argparse
import functools
import sys
import time
from pathlib import Path

import yaml

from .model import ContentError, Project, load_project


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml may hold !!python/name and !ENV tags; their values do not matter here."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _core_options(config: dict) -> dict:
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and "qingfeng/core" in entry:
            return entry["qingfeng/core"] or {}
    return {}


def _config(config_file: Path) -> dict | None:
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8-sig"), Loader=_ConfigLoader) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        print(f"{config_file}: 无法读取配置：{error}", file=sys.stderr)
        return None
    return config if isinstance(config, dict) else {}


def project(config_file: Path, config: dict, writes_lock: bool) -> Project:
    """The project as mkdocs.yml places it (ContentError when it has errors)."""
    options = _core_options(config)
    return load_project(
        config_file.parent,
        docs_dir=config.get("docs_dir", "docs"),
        cases_dir=options.get("cases_dir", "cases"),
        config_dir=options.get("config_dir", "site_config"),
        site_url=config.get("site_url") or None,
        config_file=config_file.name,
        writes_lock=writes_lock,
    )


def check(config_file: Path) -> int:
    config = _config(config_file)
    if config is None:
        return 2
    started = time.perf_counter()
    try:
        loaded = project(config_file, config, writes_lock=_core_options(config).get("lock", True) is not False)
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return 1
    seconds = time.perf_counter() - started
    print(
        f"内容检查通过：{len(loaded.cases)} 个案例、{len(loaded.banks)} 个题库、"
        f"{len(loaded.packs)} 个学习包、{len(loaded.jiafeng)} 个家风页面、"
        f"{len(loaded.boards)} 块展板、{len(loaded.booklets)} 本手册（{seconds:.2f} 秒）"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="qingfeng", description="清风：警示教育网站生成工具")
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="检查全部内容，不生成网站")
    import_parser = commands.add_parser("import", help="把 Word 文档（.docx）转成内容草稿，然后检查")
    import_parser.add_argument("files", nargs="+", type=Path, metavar="FILE.docx", help="一个或多个 .docx 文件")
    import_parser.add_argument("--kind", default="案例", help="导入为：案例（默认，写入 cases/）、家风 或 展板")
    import_parser.add_argument("--park", help="导入展板时：公园的 id（site_config/parks.yml）")
    scans_parser = commands.add_parser(
        "scans", help="从网站服务器的访问日志统计各展板的扫码次数（报告只写到 --out，不公开）"
    )
    scans_parser.add_argument(
        "logs", nargs="+", type=Path, metavar="LOG", help="访问日志：nginx/Apache（combined）或 IIS（W3C），可为 .gz"
    )
    scans_parser.add_argument(
        "--out", required=True, type=Path, metavar="DIR", help="报告写到这个文件夹（不能在 site/ 中）"
    )
    scans_parser.add_argument("--since", metavar="YYYY-MM-DD", help="从这一天起（含，北京时间）")
    scans_parser.add_argument("--until", metavar="YYYY-MM-DD", help="到这一天止（含，北京时间）")
    for sub in (check_parser, import_parser, scans_parser):
        sub.add_argument(
            "-f",
            "--config-file",
            default="mkdocs.yml",
            type=Path,
            help="mkdocs.yml 的路径（默认：当前目录下的 mkdocs.yml）",
        )
    args = parser.parse_args(argv)
    config_file = args.config_file.resolve()
    if args.command == "check":
        return check(config_file)
    config = _config(config_file)
    if config is None:
        return 2
    # Imported here: `check` runs as a pre-commit hook and should not wait for Word's and the logs' libraries.
    if args.command == "scans":
        from .scans import command as scans

        load = functools.partial(project, config_file, config, writes_lock=False)
        return scans.run(args.logs, args.out, args.since, args.until, config_file, config, load)
    from .importer.command import KINDS, run

    if args.kind not in KINDS:
        print(f"--kind 只能是 案例、家风 或 展板（board），不是“{args.kind}”", file=sys.stderr)
        return 2
    root = config_file.parent
    files = [path.resolve() for path in args.files]
    imported = run(files, KINDS[args.kind], args.park, root, _core_options(config), config.get("docs_dir", "docs"))
    if imported == 2:
        return 2
    print()
    return max(imported, check(config_file))


if __name__ == "__main__":
    sys.exit(main())
