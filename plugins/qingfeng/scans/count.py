"""Scans counted from requests: which loads of a board's page are scans, and how many people made them.

A scan is a GET of a board's page (main site or mirror) that the server answered with 200, or
with 304 (the phone had the page and was told it is still current), from a browser, not a bot.
A load by the same visitor of the same board less than 30 minutes after their previous load of
it, counted or not, is the same reading: a reload, the switch to the other script, the phone
coming back to the page. A retired code and the board it forwards to are one board for this
rule, and the scan counts under the code that was scanned, the first load.

A visitor is a salted hash of address and user agent; the salt is random for each run and the
hashes live in memory only, so nothing about an address is ever written.

Days are Beijing time (UTC+8, China's one zone, no daylight saving): combined logs carry their
offset, IIS logs UTC; both are converted.

Loads come in time order (logs.merged), so that memory stays flat however long the logs are:
a reading is kept until 30 minutes after its last load, and a day's visitors until the day is
over. A log may be a little out of order (nginx writes a line when the answer is sent): lines
up to GRACE late are counted as if in order; later ones are still counted, and said.
"""

from __future__ import annotations

import datetime
import hashlib
from array import array
from collections import Counter, OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass

from .bots import Bots
from .codes import UNKNOWN, Boards, Known
from .logs import Request

LOCAL = datetime.timezone(datetime.timedelta(hours=8), "北京时间")
_OFFSET = 8 * 3600
_DAY = 86400
_EPOCH = datetime.date(1970, 1, 1)
WINDOW = 30 * 60  # seconds: a load sooner than this after the visitor's previous one is no new scan
GRACE = 10 * 60  # seconds a line may be out of order and still be counted exactly
_SWEEP = 60  # seconds of log between two looks for readings that are over and days that are
_SUCCESS = (b"200", b"304")
_SHIFT = 16  # visitor << _SHIFT | code index: one int per visitor and board

# Why a request for a board's page was not counted, in the order they are tried.
OUTSIDE = "outside"  # before --since or after --until
UNKNOWN_CODE = "unknown"
HEAD = "head"
OTHER_METHOD = "method"
FAILED = "failed"
BOT = "bot"
REPEAT = "repeat"


def day_number(date: datetime.date) -> int:
    return (date - _EPOCH).days


def date_of(day: int) -> datetime.date:
    return _EPOCH + datetime.timedelta(days=day)


@dataclass(frozen=True)
class Day:
    """One row of scans.csv."""

    date: datetime.date
    board: Known
    scans: int
    visitors: int  # different visitors who scanned it that day


@dataclass
class Counts:
    days: list[Day]  # by date, then as the boards are listed (park by park, by code)
    # Different visitors per day: across all boards, and across each park's boards (by park id).
    visitors: dict[datetime.date, int]
    park_visitors: dict[tuple[datetime.date, str], int]
    left_out: Counter[str]
    late: int  # scans found more than GRACE out of order: counted, their visitors maybe twice

    @property
    def scans(self) -> int:
        return sum(day.scans for day in self.days)


def _join(reading: list, when: int) -> bool | None:
    """Which of a visitor's readings of a board (flat: start, end, counted, …) `when` belongs to:
    that reading's `counted`, having taken `when` in; None if `when` is a new scan."""
    for at in range(0, len(reading), 3):
        if reading[at] - WINDOW < when < reading[at + 1] + WINDOW:
            if when < reading[at]:
                reading[at] = when
            elif when > reading[at + 1]:
                reading[at + 1] = when
            return reading[at + 2]
    return None


class Sieve:
    """Which requests are loads of a board that may be scans, as (time, visitor, code index); the
    others counted by why not. Runs where the lines are read, on every core (scan.py)."""

    def __init__(self, boards: Boards, salt: bytes, since: datetime.date | None, until: datetime.date | None):
        self.boards = boards
        self.bots = Bots()
        self._salt = salt
        self._first = day_number(since) if since else -(1 << 40)
        self._last = day_number(until) if until else 1 << 40
        self._index = {code: index for index, code in enumerate(boards.known)}

    def __call__(self, requests: Iterable[Request]) -> tuple[array, array, array, Counter[str]]:
        # The loop every board request goes through: names bound locally.
        code_of, is_bot, index_of, salt, blake2b = (
            self.boards.code,
            self.bots.is_bot,
            self._index,
            self._salt,
            hashlib.blake2b,
        )
        # A day before --since still tells whether a load on the first day repeats an earlier one.
        first, margin, last = self._first, self._first - 1, self._last
        whens, visitors, codes, left = array("q"), array("Q"), array("H"), Counter()
        for when, method, target, status, address, agent in requests:
            code = code_of(target)
            if code is None:
                continue
            day = (when + _OFFSET) // _DAY
            if day > last or day < margin:
                left[OUTSIDE] += 1
                continue
            reason = None
            if code == UNKNOWN:
                reason = UNKNOWN_CODE
            elif method != b"GET":
                reason = HEAD if method == b"HEAD" else OTHER_METHOD
            elif status not in _SUCCESS:
                reason = FAILED
            elif agent is not None and is_bot(agent):
                reason = BOT
            if reason is not None:
                left[OUTSIDE if day < first else reason] += 1
                continue
            digest = blake2b(address + b"\n" + (agent or b""), key=salt, digest_size=8).digest()
            whens.append(when)
            visitors.append(int.from_bytes(digest, "big"))
            codes.append(index_of[code])
        return whens, visitors, codes, left


class Tally:
    """Loads of board pages (Sieve), in time order, counted as scans day by day."""

    def __init__(self, boards: Boards, since: datetime.date | None = None):
        self.left_out: Counter[str] = Counter()
        self.late = 0
        self._first = day_number(since) if since else -(1 << 40)
        self._codes = list(boards.known.values())
        index = {k.code: n for n, k in enumerate(self._codes)}
        self._group = [index[k.group] for k in self._codes]
        parks = list(dict.fromkeys(k.park_id for k in self._codes))
        self._parks = parks
        # A scan's visitor, park and board in one int: visitor << 32 | park << 16 | board, so that a
        # day's visitors per board, per park and over all are counted in C (`_close`).
        self._tag = [parks.index(k.park_id) << _SHIFT | n for n, k in enumerate(self._codes)]
        # Readings still open, the least recent first: visitor << _SHIFT | group -> [start, end, counted, …],
        # more than one only when lines come out of order.
        self._open: OrderedDict[int, list] = OrderedDict()
        self._sweep = -(1 << 40)  # when to drop readings that are over, and count up days that are
        self._scans: dict[int, int] = {}  # day << _SHIFT | board -> scans
        self._days: dict[int, set[int]] = {}  # day -> its scans' visitor << 32 | park << 16 | board
        self._closed_before = -(1 << 40)  # days before this one are counted up
        self._visitors: Counter[int] = Counter()  # day << _SHIFT | board -> different visitors
        self._everyone: Counter[int] = Counter()  # day -> different visitors
        self._by_park: Counter[tuple[int, int]] = Counter()  # (day, park) -> different visitors

    def add(self, loads: Iterable[tuple[int, int, int]]) -> None:
        """`loads` (time, visitor, board index) in time order (logs.merged)."""
        readings, sweep, group_of, tag_of, left = self._open, self._sweep, self._group, self._tag, self.left_out
        first, scans, days = self._first, self._scans, self._days
        today, scanned = None, set()  # the day of the last scan, and its set in `days`
        for when, visitor, index in loads:
            day = (when + _OFFSET) // _DAY
            counted = day >= first
            key = visitor << _SHIFT | group_of[index]
            reading = readings.get(key)
            if reading is None:
                readings[key] = [when, when, counted]
            else:
                joined = _join(reading, when)
                if joined is not None:
                    readings.move_to_end(key)
                    left[REPEAT if joined else OUTSIDE] += 1
                    continue
                if when > reading[-2]:  # in order: keep only the readings a late line could still join
                    horizon = when - WINDOW - GRACE
                    reading[:] = [
                        n
                        for at in range(0, len(reading), 3)
                        if reading[at + 1] >= horizon
                        for n in reading[at : at + 3]
                    ]
                reading += (when, when, counted)
                readings.move_to_end(key)
            if not counted:
                left[OUTSIDE] += 1
            elif day == today:
                slot = day << _SHIFT | index
                scans[slot] = scans.get(slot, 0) + 1
                scanned.add(visitor << 32 | tag_of[index])
            elif day >= self._closed_before:
                today, scanned = day, days.setdefault(day, set())
                slot = day << _SHIFT | index
                scans[slot] = scans.get(slot, 0) + 1
                scanned.add(visitor << 32 | tag_of[index])
            else:
                self._late(day, index)
            if when >= sweep:
                self._advance(when)
                sweep = when + _SWEEP
                if today is not None and today < self._closed_before:
                    today = None  # counted up
        self._sweep = sweep

    def _late(self, day: int, index: int) -> None:
        """A scan of a day counted up already: its visitor cannot be told apart from the day's others."""
        self.late += 1
        slot = day << _SHIFT | index
        self._scans[slot] = self._scans.get(slot, 0) + 1
        self._visitors[slot] += 1
        self._everyone[day] += 1
        self._by_park[day, self._tag[index] >> _SHIFT] += 1

    def _advance(self, now: int) -> None:
        readings, horizon = self._open, now - WINDOW - GRACE
        while readings:
            key, reading = readings.popitem(last=False)
            if (reading[1] if len(reading) == 3 else max(reading[1::3])) >= horizon:
                readings[key] = reading
                readings.move_to_end(key, last=False)
                break
        closed_before = (now - GRACE + _OFFSET) // _DAY
        if closed_before > self._closed_before:
            self._closed_before = closed_before
            for day in [day for day in self._days if day < closed_before]:
                self._close(day)

    def _close(self, day: int) -> None:
        """The day's visitors counted, per board, per park and over all; its hashes dropped."""
        scanned = self._days.pop(day)
        low = (1 << _SHIFT) - 1
        for index, n in Counter(map(low.__and__, scanned)).items():
            self._visitors[day << _SHIFT | index] += n
        by_park = set(map(_SHIFT.__rrshift__, scanned))  # visitor << 16 | park
        for park, n in Counter(map(low.__and__, by_park)).items():
            self._by_park[day, park] += n
        self._everyone[day] += len(set(map(_SHIFT.__rrshift__, by_park)))

    def finish(self) -> Counts:
        for day in list(self._days):
            self._close(day)
        self._open.clear()
        low = (1 << _SHIFT) - 1
        days = [
            Day(date_of(slot >> _SHIFT), self._codes[slot & low], n, self._visitors[slot])
            for slot, n in sorted(self._scans.items())  # by day, then as the boards are listed
        ]
        return Counts(
            days,
            {date_of(d): n for d, n in sorted(self._everyone.items())},
            {(date_of(d), self._parks[park]): n for (d, park), n in self._by_park.items()},
            self.left_out,
            self.late,
        )
