"""Web-server access logs read as requests: nginx/Apache combined format and IIS W3C extended format.

The format is told from the content: a W3C `#Fields:` directive switches the file to the fields
it names, and may change them mid-file; other lines are read as combined format (common format,
without referer and user agent, too). Plain or gzip, told by the first bytes rather than the name.
Lines stay bytes, whatever their encoding. A line that is neither format is skipped and counted
by its number, never shown: it may hold an address.

Every line is read in full, so that the count of skipped lines is true; only the requests for a
target the caller wants become tuples (a year of logs is millions of lines, a few of them boards).
"""

from __future__ import annotations

import datetime
import gzip
import heapq
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO, NamedTuple

# A request: (when, method, target, status, address, agent), a plain tuple as there is one a line.
# when: seconds since 1970 UTC; target: as logged, percent-encoded, with its query; status: three
# digits; agent: None where the format does not log it.
Request = tuple[int, bytes, bytes, bytes, bytes, bytes | None]
Wanted = Callable[[bytes], object]  # whether a target is of interest
_NOT_WANTED: Request = (0, b"", b"", b"", b"", None)  # a well-formed line, for some other target

_EPOCH = datetime.date(1970, 1, 1)
_MONTHS = {name: n for n, name in enumerate(b"Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), start=1)}
_SIXTY = {f"{n:02d}".encode(): n for n in range(60)}
_SECONDS = {**_SIXTY, b"60": 60}  # a leap second is the 60th, as the log has it
# W3C extended log file format: the directives besides #Fields.
_DIRECTIVES = (b"#version:", b"#software:", b"#date:", b"#start-date:", b"#end-date:", b"#remark:")
SHOWN_LINES = 5  # a file's first skipped lines, by number, in the summary


@dataclass
class FileReading:
    name: str  # as given, printable
    lines: int = 0
    skipped: int = 0
    skipped_at: list[int] = field(default_factory=list)  # the first SHOWN_LINES
    broken: str | None = None  # why the rest of the file could not be read


# Time --------------------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _day(year: int, month: int, day: int) -> int | None:
    try:
        return (datetime.date(year, month, day) - _EPOCH).days
    except ValueError:
        return None


@lru_cache(maxsize=1 << 14)
def _combined_minute(text: bytes) -> int | None:
    """`10/Oct/2000:13:55-0700` (the time less its seconds) to seconds since 1970 UTC."""
    if len(text) != 22 or text[2] != 47 or text[6] != 47 or text[11] != 58 or text[14] != 58:  # "/", ":"
        return None
    month, hours, minutes = _MONTHS.get(text[3:6]), _SIXTY.get(text[12:14], 99), _SIXTY.get(text[15:17])
    day, year, sign, zone = text[:2], text[7:11], text[17:18], text[18:]
    if month is None or hours > 23 or minutes is None or sign not in (b"+", b"-") or not zone.isdigit():
        return None
    offset = (int(zone[:2]) * 3600 + int(zone[2:]) * 60) * (1 if sign == b"+" else -1)
    days = _day(int(year), month, int(day)) if day.isdigit() and year.isdigit() else None
    return None if days is None else days * 86400 + hours * 3600 + minutes * 60 - offset


def _clock(text: bytes) -> int | None:
    """`HH:MM:SS`, with fractions or not, to seconds."""
    if len(text) < 8 or text[2] != 58 or text[5] != 58 or (len(text) > 8 and text[8] != 46):  # ":", "."
        return None
    hours, minutes, seconds = _SIXTY.get(text[:2], 99), _SIXTY.get(text[3:5]), _SECONDS.get(text[6:8])
    return None if hours > 23 or minutes is None or seconds is None else hours * 3600 + minutes * 60 + seconds


@lru_cache(maxsize=4096)
def _w3c_date(text: bytes) -> int | None:
    """`2000-10-10` to days since 1970."""
    if len(text) != 10 or text[4] != 45 or text[7] != 45:  # "-"
        return None
    year, month, day = text[:4], text[5:7], text[8:]
    if not (year.isdigit() and month.isdigit() and day.isdigit()):
        return None
    return _day(int(year), int(month), int(day))


# Combined format ---------------------------------------------------------------------------------


def _unescape(value: bytes) -> bytes:
    return value.replace(b"\0\1", b'"').replace(b"\0\0", b"\\")


def combined(line: bytes, wanted: Wanted) -> Request | None:
    """`%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i"`, as nginx and Apache write it;
    a leading `%v:%p` (vhost_combined) and fields after the user agent are allowed.
    None for a malformed line."""
    parts = line.split(b'"')
    count = len(parts)
    escaped = count not in (3, 7) and b"\\" in line  # an escaped quote adds a part
    if escaped:  # Apache writes `\"` and `\\` inside quoted fields: keep them from splitting
        parts = line.replace(b"\\\\", b"\0\0").replace(b'\\"', b"\0\1").split(b'"')
        count = len(parts)
    if count != 3 and count < 7:
        return None
    head = parts[0]
    at = len(head) - 30  # ` [10/Oct/2000:13:55:36 -0700] `
    if at < 1 or head[0] == 32 or head[at + 1] != 91 or head[at + 28 :] != b"] " or head[at + 19] != 58:
        return None  # " ", "[", ":"
    minute = _combined_minute(head[at + 2 : at + 19] + head[at + 23 : at + 28])
    seconds = _SECONDS.get(head[at + 20 : at + 22])
    if minute is None or seconds is None or head[at + 22] != 32:
        return None
    after = parts[2].split()
    if len(after) < 2 or len(after[0]) != 3 or not after[0].isdigit() or not (after[1].isdigit() or after[1] == b"-"):
        return None
    method, _, rest = parts[1].partition(b" ")
    target, space, _ = rest.rpartition(b" ")  # before the protocol; HTTP/0.9 sends none
    if not space:
        target = rest
    if escaped:
        target = _unescape(target)
    if not wanted(target):
        return _NOT_WANTED
    before = head[:at].split()
    address = before[-3] if len(before) >= 3 else before[0]  # before `%l %u`, after a vhost
    agent = parts[5] if count >= 7 else None
    if escaped and agent is not None:
        agent = _unescape(agent)
    return (minute + seconds, method, target, after[0], address, agent)


# W3C extended format -----------------------------------------------------------------------------


class Fields(NamedTuple):
    """Where each field is on a W3C line, from the `#Fields:` directive; None: not logged."""

    count: int
    date: int
    time: int
    target: int  # cs-uri-stem, or the whole cs-uri
    status: int
    method: int | None
    address: int | None
    agent: int | None

    @classmethod
    def of(cls, directive: bytes) -> Fields | None:
        """None when the fields lack what a request needs."""
        names = [name.lower() for name in directive.split(b":", 1)[1].split()]
        at = {name: index for index, name in reversed(list(enumerate(names)))}
        needed = [at.get(b"date"), at.get(b"time"), at.get(b"cs-uri-stem", at.get(b"cs-uri")), at.get(b"sc-status")]
        if None in needed:
            return None
        return cls(len(names), *needed, at.get(b"cs-method"), at.get(b"c-ip"), at.get(b"cs(user-agent)"))


def w3c(line: bytes, fields: Fields, wanted: Wanted) -> Request | None:
    """One W3C line. IIS writes times in UTC, whatever the server's zone. None for a malformed line."""
    parts = line.split()
    if len(parts) != fields.count:
        return None
    day, seconds, status = _w3c_date(parts[fields.date]), _clock(parts[fields.time]), parts[fields.status]
    if day is None or seconds is None or len(status) != 3 or not status.isdigit():
        return None
    target = parts[fields.target]
    if not wanted(target):
        return _NOT_WANTED
    method = b"GET" if fields.method is None else parts[fields.method]
    address = b"" if fields.address is None else parts[fields.address]
    # W3C writes the user agent's spaces as `+`, and an empty field as `-`.
    agent = None if fields.agent is None else parts[fields.agent].replace(b"+", b" ")
    return (day * 86400 + seconds, method, target, status, address, agent)


# Files -------------------------------------------------------------------------------------------

CHUNK = 64 << 20  # bytes: a plain log larger than this is read in parts of about this size, side by side


@dataclass(frozen=True)
class Part:
    """A file, or the lines of a plain file from byte `start` to `end` (None: to its end)."""

    path: Path
    start: int = 0
    end: int | None = None


MAX_LINE = 64 * 1024  # web servers cap a request line near 8 KB; a log line is a few hundred bytes


def opened(path: Path) -> BinaryIO:
    """The file as a binary stream, gunzipped if it is gzip (OSError if unreadable)."""
    with open(path, "rb") as probe:
        magic = probe.read(2)
    return gzip.open(path, "rb") if magic == b"\x1f\x8b" else open(path, "rb", buffering=1 << 20)


def parts(path: Path, chunk: int = CHUNK) -> list[Part]:
    """The file in parts that start at line starts: a large plain log in several, a gzip file or an
    IIS log (its #Fields hold for the lines below them) in one."""
    try:
        size = path.stat().st_size
        if size <= chunk:
            return [Part(path)]
        with open(path, "rb") as file:
            head = file.read(1 << 16)
            if head[:2] == b"\x1f\x8b" or head.startswith(b"#") or b"\n#" in head:
                return [Part(path)]
            starts = [0]
            for n in range(1, -(-size // chunk)):
                file.seek(max(starts[-1], n * size // -(-size // chunk)))
                file.readline()  # to the start of the next line
                if file.tell() < size and file.tell() > starts[-1]:
                    starts.append(file.tell())
    except OSError:
        return [Part(path)]  # the reading says what is wrong
    return [Part(path, start, end) for start, end in zip(starts, [*starts[1:], None], strict=True)]


def _lines(part: Part, stream: BinaryIO) -> Iterator[bytes]:
    """The part's lines, each at most MAX_LINE bytes: a longer one (a log cut off by a crash and
    filled with zero bytes, which has no line ends at all) is given as a line too long to be a request."""
    if part.start:
        stream.seek(part.start)
    left = None if part.end is None else part.end - part.start
    while left is None or left > 0:
        line = stream.readline(MAX_LINE)
        if not line:
            return
        read = len(line)
        if read == MAX_LINE and not line.endswith(b"\n"):
            while True:  # the rest of the overlong line, in bounded pieces
                rest = stream.readline(MAX_LINE)
                read += len(rest)
                if not rest or rest.endswith(b"\n"):
                    break
            line = b"\0"  # a line that no format reads: counted as skipped
        yield line
        if left is not None:
            left -= read


def requests(part: Part, reading: FileReading, wanted: Wanted) -> Iterator[Request]:
    """The part's requests for a target `wanted` says yes to, in file order; `reading` counts the
    rest, its line numbers from the part's start."""
    fields: Fields | None = None
    skipped_at = reading.skipped_at
    number = 0
    try:
        with opened(part.path) as stream:
            for number, line in enumerate(_lines(part, stream), start=1):
                if line.startswith(b"#"):
                    lower = line.lower()
                    if lower.startswith(b"#fields:"):
                        fields = Fields.of(line)
                        if fields is not None:
                            continue
                    elif lower.startswith(_DIRECTIVES):
                        continue
                else:
                    request = None if fields is None else w3c(line, fields, wanted)
                    if request is None:  # a combined line in a W3C file too: logs put together
                        request = combined(line, wanted)
                    if request is not None:
                        if request is not _NOT_WANTED:
                            yield request
                        continue
                reading.skipped += 1
                if len(skipped_at) < SHOWN_LINES:
                    skipped_at.append(number)
    except EOFError:
        reading.broken = "压缩文件不完整（可能仍在写入，或复制时中断），已读到中断处"
    except (gzip.BadGzipFile, zlib.error):
        reading.broken = f"压缩文件在第 {number + 1} 行附近损坏，其后的内容无法读取"
    except OSError as error:
        reading.broken = f"读取中断：{error.strerror or error}"
    finally:
        reading.lines += number


def first_time(part: Part) -> int | None:
    """The time of the part's first request: where it goes among the others."""
    for request in requests(part, FileReading(""), lambda target: True):
        return request[0]
    return None


def merged(firsts: list[int | None], stream: Callable[[int], Iterable[tuple]]) -> Iterator[tuple]:
    """The items of streams 0, 1, … in time order (an item's first field is its time), each stream
    in time order, numbered by their first times (`firsts`, None first). `stream(i)` is asked for only
    when the others reach `firsts[i]`: rotated logs are read one after the other, and only logs that
    overlap (two servers', a rotation's last minutes) side by side."""
    pending = deque(range(len(firsts)))
    heap: list[tuple[int, int, tuple, Iterator[tuple]]] = []

    def start(i: int) -> None:
        items = iter(stream(i))
        for item in items:
            heapq.heappush(heap, (item[0], i, item, items))
            break

    while pending or heap:
        while pending and (not heap or (firsts[pending[0]] or 0) <= heap[0][0]):
            start(pending.popleft())
        if not heap:
            continue
        _, i, item, items = heap[0]
        if len(heap) == 1:  # one stream alone until the next one's start: no heap work per item
            heap.clear()
            until = firsts[pending[0]] if pending else None
            yield item
            for item in items:
                if until is not None and item[0] >= until:
                    heap.append((item[0], i, item, items))
                    break
                yield item
            continue
        yield item
        following = next(items, None)
        if following is None:
            heapq.heappop(heap)
        else:
            heapq.heapreplace(heap, (following[0], i, following, items))
