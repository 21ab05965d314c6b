"""Attack 3: stored script injection through every text field (generated from TEXT_FIELDS).

Text fields may hold < > & and quotes: they are shown exactly as written, never
interpreted (CONTENT-FORMAT 1). So the project must build, every payload must be
visible as text, and none may come alive as markup in any page, feed, index or chart.
"""

import re

import pytest

from tests.security.conftest import qingfeng_check
from tests.security.payloads import FIELDS, read_site


@pytest.fixture(scope="module")
def reading(payload_site):
    assert payload_site.build.returncode == 0, payload_site.build.stderr[-4000:]
    return read_site(payload_site.site)


def test_hostile_text_builds(payload_site):
    build = payload_site.build
    assert build.returncode == 0, build.stderr[-4000:]
    assert "Traceback" not in build.output


def test_hostile_text_passes_check(payload_site):
    check = qingfeng_check(payload_site.root)
    assert check.returncode == 0, check.output[-4000:]


@pytest.mark.parametrize("field", FIELDS, ids=[f.id for f in FIELDS])
def test_field_is_published(reading, field):
    assert any(field.marker in text for text in reading.raw), f"{field.marker} appears nowhere: field dropped?"


@pytest.mark.parametrize("field", FIELDS, ids=[f.id for f in FIELDS])
def test_field_shown_as_written(reading, field):
    squeezed = re.sub(r"\s+", "", field.value)
    assert any(field.value in text or squeezed in text for text in reading.shown), (
        f"{field.marker}: no page, data file or PDF shows {field.value!r} as text"
    )


@pytest.mark.parametrize("field", FIELDS, ids=[f.id for f in FIELDS])
def test_field_never_becomes_markup(reading, field):
    mine = [str(f) for f in reading.findings if re.search(rf"{field.marker}(?!\w)", f.text)]
    assert not mine, "\n".join(mine[:10])


def test_no_live_markup_anywhere(reading):
    assert not reading.findings, "\n".join(map(str, reading.findings[:20]))
