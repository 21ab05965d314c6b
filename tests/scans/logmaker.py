"""Access logs written as servers write them, and a small project with two parks and retired codes."""

from __future__ import annotations

import datetime
import gzip
from pathlib import Path

import yaml

from tests.conftest import Site, markdown

BEIJING = datetime.timezone(datetime.timedelta(hours=8))
UTC = datetime.UTC
SITE_URL = "https://host.qingfeng.test/lian/"
# Not strftime's %b: it follows the locale.
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Mobile/15E148 MicroMessenger/8.0.40(0x1800282a) NetType/WIFI Language/zh_CN"
)
ANDROID = (
    "Mozilla/5.0 (Linux; Android 13; V2227A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Version/4.0 Chrome/107.0.5304.141 Mobile Safari/537.36 XWEB/5023 MMWEBSDK/20230405 MMWEBID/2585 "
    "MicroMessenger/8.0.35.2360(0x2800235B) WeChat/arm64 Weixin NetType/4G Language/zh_CN ABI/arm64"
)
HUAWEI = (
    "Mozilla/5.0 (Linux; Android 12; HarmonyOS; NOH-AN00; HMSCore 6.11.0.302) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/99.0.4844.88 HuaweiBrowser/14.0.0.320 Mobile Safari/537.36"
)
SAFARI = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.1 Mobile/15E148 Safari/604.1"
)
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
BINGBOT = "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"


def stamp(when: datetime.datetime) -> str:
    """`[01/Mar/2025:09:00:00 +0800]`'s inside, in the zone `when` carries."""
    offset = when.strftime("%z")
    return f"{when.day:02d}/{MONTHS[when.month - 1]}/{when.year}:{when:%H:%M:%S} {offset}"


def combined(
    address: str,
    when: datetime.datetime,
    path: str,
    status: int = 200,
    agent: str = IPHONE,
    method: str = "GET",
    referer: str = "-",
    vhost: str = "",
) -> str:
    """A line as nginx's and Apache's `combined` format writes it (Apache escapes `"` in agents as `\\"`)."""
    agent = agent.replace("\\", "\\\\").replace('"', '\\"')
    head = f"{vhost} " if vhost else ""
    return f'{head}{address} - - [{stamp(when)}] "{method} {path} HTTP/1.1" {status} 1234 "{referer}" "{agent}"'


IIS_FIELDS = (
    "date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) "
    "sc-status sc-substatus sc-win32-status time-taken"
)


def iis(
    fields: str,
    visitor: tuple[str, str],
    when: datetime.datetime,
    stem: str,
    status: int = 200,
    method: str = "GET",
    query: str = "-",
) -> str:
    """A W3C line with `fields` (a `#Fields:` list) in their order, for `visitor` (address, agent):
    times in UTC, spaces in the agent as `+`."""
    address, agent = visitor
    utc = when.astimezone(UTC)
    values = {
        "date": f"{utc:%Y-%m-%d}",
        "time": f"{utc:%H:%M:%S}",
        "s-ip": "10.0.0.1",
        "cs-method": method,
        "cs-uri-stem": stem,
        "cs-uri-query": query,
        "s-port": "443",
        "c-ip": address,
        "cs(User-Agent)": agent.replace(" ", "+"),
        "sc-status": str(status),
        "sc-substatus": "0",
        "sc-win32-status": "0",
    }
    return " ".join(values.get(name, "-") for name in fields.split())


def write(path: Path, lines: list[str | bytes], crlf: bool = False, gz: bool = False) -> Path:
    end = b"\r\n" if crlf else b"\n"
    data = b"".join((line if isinstance(line, bytes) else line.encode("utf-8")) + end for line in lines)
    path.write_bytes(gzip.compress(data, mtime=0) if gz else data)
    return path


def board(site: Site, park: str, code: str, title: str) -> None:
    text = markdown({"board": code, "title": title, "theme": "廉洁典故"}, f"{title}的故事。")
    site.write(f"content/park/{park}/{code.lower()}.md", text)


def project(site: Site) -> Site:
    """Two parks, three boards; OLD1 retired to KS02, OLD2 retired to a page; site_url with a path."""
    site.config["site_url"] = SITE_URL
    site.save_config()
    parks = [{"id": "kushan", "name": "枯山湿地公园"}, {"id": "lianhu", "name": "莲湖公园"}]
    site.write("site_config/parks.yml", yaml.safe_dump({"parks": parks}, allow_unicode=True))
    board(site, "kushan", "KS01", "羊续悬鱼")
    board(site, "kushan", "KS02", "颜氏家训")
    board(site, "lianhu", "LH01", "黄大发")
    lock = {"boards": {}}
    for code, retired in (("KS01", None), ("KS02", None), ("LH01", None), ("OLD1", "KS02"), ("OLD2", "index.md")):
        entry = {"url": f"{SITE_URL}b/{code}/", "first_built": datetime.date(2024, 5, 1)}
        if retired:
            entry["retired"] = retired
        lock["boards"][code] = entry
    site.write("site_config/qr-lock.yml", yaml.safe_dump(lock, allow_unicode=True))
    return site
