"""Log lines as real servers write them, read as requests; lines that are none, skipped by number."""

from __future__ import annotations

import datetime
import gzip
import itertools

import pytest
from qingfeng.scans.logs import MAX_LINE, Fields, FileReading, Part, combined, parts, requests, w3c

from tests.scans.logmaker import IIS_FIELDS, IPHONE, write


def ALL(target: bytes) -> bool:
    return True  # every target wanted


def epoch(*when: int, zone: int = 0) -> int:
    """Seconds since 1970 of a wall-clock time `zone` hours east of UTC."""
    tz = datetime.timezone(datetime.timedelta(hours=zone))
    return int(datetime.datetime(*when, tzinfo=tz).timestamp())


def test_nginx_combined():
    line = (
        b'203.0.113.5 - - [01/Mar/2025:09:00:00 +0800] "GET /b/KS01/?from=x HTTP/1.1" 200 4512 '
        b'"https://example.test/" "' + IPHONE.encode() + b'"\n'
    )
    assert combined(line, ALL) == (
        epoch(2025, 3, 1, 9, zone=8),
        b"GET",
        b"/b/KS01/?from=x",
        b"200",
        b"203.0.113.5",
        IPHONE.encode(),
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # Apache escapes quotes and backslashes in quoted fields.
        (
            rb'1.2.3.4 - - [01/Mar/2025:09:00:00 +0800] "GET /b/KS01/ HTTP/1.1" 200 5 "-" "A \"q\" \\ b"',
            (b"1.2.3.4", b"/b/KS01/", b'A "q" \\ b'),
        ),
        # nginx writes them \x22; the agent stays as logged.
        (
            rb'1.2.3.4 - - [01/Mar/2025:09:00:00 +0800] "GET /b/KS01/ HTTP/1.1" 200 5 "-" "A \x22q\x22"',
            (b"1.2.3.4", b"/b/KS01/", rb"A \x22q\x22"),
        ),
        # vhost_combined: the address after the virtual host.
        (
            b'lian.example.gov.cn:443 1.2.3.4 - - [01/Mar/2025:09:00:00 +0800] "GET /b/KS01/ HTTP/2.0" 304 - "-" "A"',
            (b"1.2.3.4", b"/b/KS01/", b"A"),
        ),
        # Common log format: no referer, no agent.
        (
            b'2001:db8::1 - frank [01/Mar/2025:09:00:00 +0800] "GET /b/KS01/ HTTP/1.0" 200 2326',
            (b"2001:db8::1", b"/b/KS01/", None),
        ),
        # Fields after the agent ($http_x_forwarded_for), and CRLF.
        (
            b'1.2.3.4 - - [01/Mar/2025:09:00:00 +0800] "GET /b/KS01/ HTTP/1.1" 200 5 "-" "A" "10.1.1.1"\r\n',
            (b"1.2.3.4", b"/b/KS01/", b"A"),
        ),
        # A proxy's absolute form; HTTP/0.9 sends no protocol.
        (
            b'1.2.3.4 - - [01/Mar/2025:09:00:00 +0800] "GET http://h/b/KS01/ HTTP/1.1" 200 5 "-" "A"',
            (b"1.2.3.4", b"http://h/b/KS01/", b"A"),
        ),
        (b'1.2.3.4 - - [01/Mar/2025:09:00:00 +0800] "GET /b/KS01/" 200 5 "-" "A"', (b"1.2.3.4", b"/b/KS01/", b"A")),
        # What a TLS handshake on the plain port leaves: well-formed, no request.
        (b'1.2.3.4 - - [01/Mar/2025:09:00:00 +0800] "\\x16\\x03\\x01" 400 157 "-" "-"', (b"1.2.3.4", b"", b"-")),
        # Bytes that are not UTF-8.
        (
            b'1.2.3.4 - - [01/Mar/2025:09:00:00 +0800] "GET /b/KS01/ HTTP/1.1" 200 5 "-" "\xb2\xe2\xca\xd4"',
            (b"1.2.3.4", b"/b/KS01/", b"\xb2\xe2\xca\xd4"),
        ),
    ],
)
def test_combined_variants(line, expected):
    request = combined(line, ALL)
    assert request is not None
    assert (request[4], request[2], request[5]) == expected
    assert request[0] == epoch(2025, 3, 1, 9, zone=8)


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        ("01/Mar/2025:09:00:00 +0800", epoch(2025, 3, 1, 1)),
        ("28/Feb/2025:20:00:00 -0500", epoch(2025, 3, 1, 1)),
        ("01/Mar/2025:06:30:00 +0530", epoch(2025, 3, 1, 1)),
        ("01/Mar/2025:01:00:00 +0000", epoch(2025, 3, 1, 1)),
        ("31/Dec/2024:23:59:60 +0000", epoch(2025, 1, 1, 0)),  # a leap second
        ("29/Feb/2024:12:00:00 +0800", epoch(2024, 2, 29, 4)),
    ],
)
def test_combined_times_are_converted_by_their_offset(stamp, expected):
    line = f'1.2.3.4 - - [{stamp}] "GET / HTTP/1.1" 200 5 "-" "A"'.encode()
    assert combined(line, ALL)[0] == expected


@pytest.mark.parametrize(
    "line",
    [
        b"",
        b"\n",
        b"garbage",
        b'1.2.3.4 - - [01/Xyz/2025:09:00:00 +0800] "GET / HTTP/1.1" 200 5 "-" "A"',
        b'1.2.3.4 - - [32/Mar/2025:09:00:00 +0800] "GET / HTTP/1.1" 200 5 "-" "A"',
        b'1.2.3.4 - - [29/Feb/2025:09:00:00 +0800] "GET / HTTP/1.1" 200 5 "-" "A"',
        b'1.2.3.4 - - [01/Mar/2025:24:00:00 +0800] "GET / HTTP/1.1" 200 5 "-" "A"',
        b'1.2.3.4 - - [01/Mar/2025:09:00:00 0800] "GET / HTTP/1.1" 200 5 "-" "A"',
        b'1.2.3.4 - - [01/Mar/2025:09:00:00] "GET / HTTP/1.1" 200 5 "-" "A"',
        b'1.2.3.4 - - [01/Mar/2025:09:00:00 +0800] "GET / HTTP/1.1" 2000 5 "-" "A"',
        b'1.2.3.4 - - [01/Mar/2025:09:00:00 +0800] "GET / HTTP/1.1" 200 5 "-',  # cut short
        b'1.2.3.4 - - [01/Mar/2025:09:00:00 +0800] "GET / HTTP/1.1" 200 five "-" "A"',
        b' - - [01/Mar/2025:09:00:00 +0800] "GET / HTTP/1.1" 200 5 "-" "A"',
        b'[01/Mar/2025:09:00:00 +0800] "GET / HTTP/1.1" 200 5 "-" "A"',
    ],
)
def test_malformed_combined_lines(line):
    assert combined(line, ALL) is None


def test_w3c_fields_name_the_columns():
    fields = Fields.of(f"#Fields: {IIS_FIELDS}".encode())
    line = (
        b"2025-03-01 01:00:00.123 10.0.0.1 HEAD /b/KS01/ from=x 443 - 2001:db8::1 "
        b"Mozilla/5.0+(iPhone;+CPU) - 304 0 0 15"
    )
    assert w3c(line, fields, ALL) == (
        epoch(2025, 3, 1, 1),
        b"HEAD",
        b"/b/KS01/",
        b"304",
        b"2001:db8::1",
        b"Mozilla/5.0 (iPhone; CPU)",
    )
    assert w3c(line + b" extra", fields, ALL) is None
    assert w3c(line.replace(b"2025-03-01", b"2025-02-30"), fields, ALL) is None


def test_w3c_without_what_a_request_needs():
    assert Fields.of(b"#Fields: date time c-ip cs-method sc-status") is None  # no URI
    fields = Fields.of(b"#Fields: date time cs-uri sc-status")  # neither method, address nor agent
    assert w3c(b"2025-03-01 01:00:00 /b/KS01/?x=1 200", fields, ALL) == (
        epoch(2025, 3, 1, 1),
        b"GET",
        b"/b/KS01/?x=1",
        b"200",
        b"",
        None,
    )


def test_a_file_is_read_by_its_content(tmp_path):
    """Directives, a #Fields that changes, a combined line among them, and what is neither."""
    lines = [
        "#Software: Microsoft Internet Information Services 10.0",
        "#Fields: date time c-ip cs-uri-stem sc-status",
        "2025-03-01 01:00:00 1.1.1.1 /b/KS01/ 200",
        "#Remark: the server restarted",
        "#Fields: date time cs-uri-stem sc-status c-ip cs(User-Agent)",
        "2025-03-01 01:00:01 /b/KS02/ 200 2.2.2.2 A+B",
        "2025-03-01 01:00:02 1.1.1.1 /b/KS01/ 200",  # the old fields
        '3.3.3.3 - - [01/Mar/2025:09:00:03 +0800] "GET /b/KS03/ HTTP/1.1" 200 5 "-" "C"',
        "#Fields: date time",  # too few: the lines under it are none
        "2025-03-01 01:00:04",
        "# a comment is no directive",
    ]
    plain = write(tmp_path / "u_ex250301.gz", lines, crlf=True)  # named .gz, plain inside
    packed = tmp_path / "access.log"  # gzip, not named so
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    for path in (plain, packed):
        reading = FileReading(path.name)
        found = [(r[2], r[4], r[5]) for r in requests(Part(path), reading, ALL)]
        assert found == [
            (b"/b/KS01/", b"1.1.1.1", None),
            (b"/b/KS02/", b"2.2.2.2", b"A B"),
            (b"/b/KS03/", b"3.3.3.3", b"C"),
        ]
        assert (reading.lines, reading.skipped, reading.skipped_at, reading.broken) == (11, 4, [7, 9, 10, 11], None)


def test_only_wanted_targets_become_requests(tmp_path):
    log = write(
        tmp_path / "access.log",
        [
            f'1.2.3.4 - - [01/Mar/2025:09:00:0{n} +0800] "GET /{path} HTTP/1.1" 200 5 "-" "A"'
            for n, path in enumerate("abc")
        ],
    )
    reading = FileReading("access.log")
    assert [r[2] for r in requests(Part(log), reading, lambda target: target != b"/b")] == [b"/a", b"/c"]
    assert (reading.lines, reading.skipped) == (3, 0)


def test_a_log_filled_with_zero_bytes_after_a_crash_is_one_skipped_line(tmp_path):
    line = b'1.2.3.4 - - [01/Mar/2025:09:00:00 +0800] "GET /b/KS01/ HTTP/1.1" 200 5 "-" "A"\n'
    log = tmp_path / "access.log"
    log.write_bytes(line + b"\0" * (3 * MAX_LINE + 7) + b"\n" + line)
    reading = FileReading(log.name)
    assert [r[2] for r in requests(Part(log), reading, ALL)] == [b"/b/KS01/", b"/b/KS01/"]
    assert (reading.lines, reading.skipped, reading.skipped_at) == (3, 1, [2])


def test_a_corrupt_gzip_is_said(tmp_path):
    data = bytearray(gzip.compress(b"".join(b"line %d\n" % n for n in range(20000))))
    data[len(data) // 2 :] = b"\xff" * (len(data) - len(data) // 2)
    log = tmp_path / "access.log.3.gz"
    log.write_bytes(bytes(data))
    reading = FileReading(log.name)
    assert list(requests(Part(log), reading, ALL)) == []
    assert reading.broken  # and said in the summary
    assert 0 < reading.skipped == reading.lines < 20000


def test_a_large_plain_log_is_read_in_parts_that_start_at_line_starts(tmp_path):
    lines = [
        f'1.2.3.{n % 250} - - [01/Mar/2025:09:{n // 60 % 60:02d}:{n % 60:02d} +0800] "GET /{n} HTTP/1.1" 200 5 "-" "A"'
        for n in range(500)
    ]
    log = write(tmp_path / "access.log", lines)
    split = parts(log, chunk=4096)
    assert len(split) > 5
    assert split[0].start == 0 and split[-1].end is None
    assert all(a.end == b.start for a, b in itertools.pairwise(split))
    data = log.read_bytes()
    assert all(data[part.start - 1 : part.start] == b"\n" for part in split[1:])
    targets, readings = [], []
    for part in split:
        readings.append(FileReading(""))
        targets += [r[2] for r in requests(part, readings[-1], ALL)]
    assert targets == [f"/{n}".encode() for n in range(500)]
    assert sum(r.lines for r in readings) == 500 and not any(r.skipped for r in readings)


def test_gzip_and_iis_logs_are_read_whole(tmp_path):
    text = [f"2025-03-01 01:00:{n % 60:02d} 1.1.1.1 /b/KS01/ 200" for n in range(500)]
    iis_log = write(tmp_path / "u_ex250301.log", ["#Fields: date time c-ip cs-uri-stem sc-status", *text])
    packed = write(tmp_path / "access.log.2.gz", text * 20, gz=True)
    assert parts(iis_log, chunk=1024) == [Part(iis_log)]
    assert parts(packed, chunk=1024) == [Part(packed)]
