"""A build with content errors exits non-zero and leaves site/ exactly as it was."""

import hashlib

import yaml


def tree_digest(folder):
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
            digest.update(str(path.stat().st_mtime_ns).encode())
    return digest.hexdigest()


def test_content_error_leaves_previous_site_untouched(site):
    site.case("2025-good")
    site_dir = site.built()
    before = tree_digest(site_dir)
    site.case("2025-bad", role="局长", file="cases/bad.md")
    site.write("cases/gbk.md", "---\ntitle: 标题\n---\n".encode("gbk"))
    result = site.build()
    assert result.returncode != 0
    assert "cases/bad.md: 字段 role（第 7 行）: 未知的取值“局长”" in result.stderr
    assert "cases/gbk.md: 第 2 行: 文件不是 UTF-8 编码" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(site_dir) == before
    assert not (site.root / ".site.building").exists()


def test_error_late_in_the_build_also_leaves_site_untouched(site):
    site.case("2025-good")
    site_dir = site.built()
    before = tree_digest(site_dir)
    # A nav entry to a missing page is only found while MkDocs builds, after
    # the site directory would have been cleaned; --strict turns it into a failure.
    site.config["nav"].append({"不存在": "missing.md"})
    site.save_config()
    assert site.build("--strict").returncode != 0
    assert tree_digest(site_dir) == before


def test_personal_data_fails_the_build_naming_file_and_line(site):
    path = site.case(
        "2025-good",
        body="## 案情\n\n举报人手机 13812345678。\n\n"
        + "".join(f"## {h}\n\n内容。\n\n" for h in ("以案说德", "以案说纪", "以案说法", "以案说责")),
    )
    line = path.read_text(encoding="utf-8").split("\n").index("举报人手机 13812345678。") + 1
    result = site.build()
    assert result.returncode != 0
    assert f"cases/2025-good.md: 第 {line} 行: 疑似手机号码" in result.stderr
    assert "13812345678" not in result.stderr
    assert not (site.root / "site").exists()


def test_successful_rebuild_replaces_the_site(site):
    site.case("2025-one")
    site.built()
    site.case("2025-two")
    (site.root / "cases/2025-one.md").unlink()
    # Its URL is printed in booklets: the lock forwards it to the case that replaces it.
    lock = yaml.safe_load((site.root / "site_config/qr-lock.yml").read_text(encoding="utf-8"))
    lock["cases"]["2025-one"]["retired"] = "2025-two"
    site.write("site_config/qr-lock.yml", yaml.safe_dump(lock, allow_unicode=True))
    site.built()
    assert (site.root / "site/cases/2025-two/index.html").exists()
    forward = site.html("cases/2025-one/index.html")
    assert 'http-equiv="refresh"' in forward and "2025-two/" in forward
