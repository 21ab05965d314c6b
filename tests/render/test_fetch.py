"""PDF rendering reads only the project's own resources and fetches nothing from the network."""

from __future__ import annotations

import base64
import http.server
import io
import threading
from pathlib import Path

import pytest
from qingfeng.render import pdf

pypdf = pytest.importorskip("pypdf")
pytest.importorskip("weasyprint")

# A 1x1 red PNG.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC")
SECRET = Path("/etc/passwd")


@pytest.fixture
def canary():
    """A local web server that records every request it gets."""
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(PNG)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], requests
    server.shutdown()
    server.server_close()


def _pdf_text(data: bytes) -> tuple[pypdf.PdfReader, bytes]:
    """The reader and the file's bytes with every stream decompressed, so compressed content is seen too."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    numbers = {n for table in reader.xref.values() for n in table} | set(reader.xref_objStm)
    raw = data
    for number in sorted(numbers):
        obj = reader.get_object(number)
        if isinstance(obj, pypdf.generic.StreamObject):
            raw += obj.get_data()
    return reader, raw


def _images(reader) -> int:
    count = 0
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        count += sum(1 for name in xobjects if xobjects[name].get_object().get("/Subtype") == "/Image")
    return count


def test_hostile_references_load_nothing(tmp_path: Path, canary):
    port, requests = canary
    docs, site = tmp_path / "content", tmp_path / "site"
    docs.mkdir()
    site.mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "evil.css").write_text(f"body {{ background: url(http://127.0.0.1:{port}/css.png); }}")
    (outside / "x.png").write_bytes(PNG)
    (docs / "link.png").symlink_to(SECRET)  # an allowed name leading out of the project
    (docs / "good.png").write_bytes(PNG)
    html = f"""<!doctype html><html><head>
    <link rel="attachment" href="file:///etc/passwd" title="p">
    <link rel="stylesheet" href="file://{outside}/evil.css">
    <link rel="stylesheet" href="http://127.0.0.1:{port}/s.css">
    <style>@import url("http://127.0.0.1:{port}/import.css");
      p {{ background: url("http://127.0.0.1:{port}/bg.png"); }}
      @font-face {{ font-family: X; src: url("http://127.0.0.1:{port}/f.woff"); }}</style>
    </head><body>
    <p><a rel="attachment" href="file:///etc/passwd">附件</a></p>
    <p><a rel="attachment" href="file://{docs}/good.png">附件图片</a></p>
    <img src="file:///etc/hostname">
    <img src="file://{outside}/x.png">
    <img src="file://{docs}/link.png">
    <img src="http://127.0.0.1:{port}/x.png">
    <img src="https://127.0.0.1:{port}/y.png">
    <img src="ftp://127.0.0.1:{port}/z.png">
    <object data="file:///etc/passwd"></object>
    <embed src="http://127.0.0.1:{port}/embed.svg">
    </body></html>"""
    data = pdf.render_pdf(html, roots=(docs, site))
    assert requests == []
    reader, raw = _pdf_text(data)
    assert "/EmbeddedFiles" not in str(reader.trailer["/Root"].get("/Names", {}))
    assert reader.attachments == {}
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            assert annot.get_object().get("/Subtype") != "/FileAttachment"
    assert b"root:" not in raw and b"/bin/" not in raw and b"EmbeddedFile" not in raw
    assert _images(reader) == 0


def test_images_under_the_roots_are_embedded(tmp_path: Path):
    docs, site = tmp_path / "content", tmp_path / "site"
    (site / "downloads").mkdir(parents=True)
    docs.mkdir()
    (docs / "a.png").write_bytes(PNG)
    (site / "b.png").write_bytes(PNG)
    qr = "data:image/png;base64," + base64.b64encode(PNG).decode()
    html = (
        f'<img src="file://{docs}/a.png" style="width:20mm"><img src="../b.png" style="width:20mm">'
        f'<img src="{qr}" style="width:20mm">'
    )
    reader, _ = _pdf_text(pdf.render_pdf(html, roots=(docs, site), base_url=site / "downloads"))
    assert _images(reader) == 3
    rendered = pdf.render(html, roots=(docs, site), base_url=site / "downloads")
    assert _images(pypdf.PdfReader(io.BytesIO(rendered.pdf))) == 3


def test_without_roots_only_data_urls(tmp_path: Path):
    (tmp_path / "a.png").write_bytes(PNG)
    qr = "data:image/png;base64," + base64.b64encode(PNG).decode()
    data = pdf.render_pdf(f'<img src="file://{tmp_path}/a.png"><img src="{qr}">')
    assert _images(pypdf.PdfReader(io.BytesIO(data))) == 1


def test_render_many_uses_the_fetcher(tmp_path: Path, canary):
    port, requests = canary
    html = (
        f'<p id="x">甲</p><img src="http://127.0.0.1:{port}/x.png"><a rel="attachment" href="file:///etc/passwd">a</a>'
    )
    results = pdf.render_many([html, html, html], roots=(tmp_path,))
    assert requests == []
    for result in results:
        reader, raw = _pdf_text(result.pdf)
        assert reader.attachments == {} and b"root:" not in raw
        assert result.anchors["x"][0] == 0


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file:///etc/hostname",
        "file://example.com/etc/x.png",
        "http://127.0.0.1/x.png",
        "https://example.com/x.css",
        "ftp://example.com/x.png",
        "gopher://x/",
        "javascript:alert(1)",
        "x.png",
    ],
)
def test_load_refuses(url: str, tmp_path: Path):
    with pytest.raises(pdf.Refused):
        pdf.load(url, (tmp_path,))


def test_load_serves_data_and_project_files(tmp_path: Path):
    (tmp_path / "a b.PNG").write_bytes(PNG)
    assert pdf.load(f"file://{tmp_path}/a%20b.PNG?x#y", (tmp_path,)) == (PNG, "image/png")
    assert pdf.load("data:text/css,p%7Bcolor:red%7D", ()) == (b"p{color:red}", "text/css")
    (tmp_path / "notes.txt").write_text("secret")
    with pytest.raises(pdf.Refused):
        pdf.load(f"file://{tmp_path}/notes.txt", (tmp_path,))
    with pytest.raises(pdf.Refused):
        pdf.load(f"file://{tmp_path}/../{tmp_path.name}-other/a.png", (tmp_path,))
