"""PDFs without a text layer (scans): reported with the reason, read by OCR only on request."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from graphkit.build import build
from graphkit.bundle import relative_path
from graphkit.errors import ReadError
from graphkit.read import read_path
from graphkit.read.pdf import NoTextLayer, ocr_available

from .conftest import seed

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
PAGE = [
    "Vägen till arbete i Malmö",
    "",
    "Projektägare:",
    "Malmö stad",
    "",
    "Projektet ska hjälpa unga vuxna i Malmö till arbete.",
]


def _scan(path: Path) -> Path:
    """A page printed and scanned: an A4 image at 200 dpi, saved as an image-only PDF."""
    if not FONT.exists():
        pytest.skip("DejaVu fonts not installed (Debian fonts-dejavu-core)")
    image = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), 40)
    for n, line in enumerate(PAGE):
        draw.text((150, 200 + 70 * n), line, fill=0, font=font)
    image.save(path, "PDF", resolution=200.0)
    return path


def test_a_scan_is_reported_with_its_reason_and_the_build_goes_on(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    _scan(inputs / "skannad.pdf")
    (inputs / "seed.txt").write_bytes(seed("002").read_bytes())
    with pytest.raises(NoTextLayer, match=r"without a text layer.*--ocr"):
        read_path(inputs / "skannad.pdf")
    result = build([inputs], tmp_path / "out", analysis=False)
    assert result.counts["projects"] == 1
    (problem,) = [p for p in result.problems if p.source_path.endswith("skannad.pdf")]
    assert problem.kind == "no-text-layer" and problem.severity == "error"
    assert result.failed_files == (relative_path(inputs / "skannad.pdf"),)
    report = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "PDF without text" in report and "skannad.pdf" in report


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("tesseract") is None or ocr_available() is not None,
    reason="Tesseract with Swedish data not installed (tesseract-ocr, tesseract-ocr-swe)",
)
def test_with_ocr_a_scan_is_read_by_tesseract_in_swedish(tmp_path):
    path = _scan(tmp_path / "skannad.pdf")
    doc = read_path(path, ocr=True)
    assert "Projektägare:" in doc.text and "Malmö stad" in doc.text
    assert [p.kind for p in doc.problems] == ["ocr-text"]
    assert doc.locator(doc.text.split("\n").index("Malmö stad") + 1).endswith("(OCR)")
    result = build([path], tmp_path / "out", analysis=False, ocr=True)
    graph = (tmp_path / "out" / "graph.nt").read_text(encoding="utf-8")
    assert result.counts["projects"] == 1 and "municipality/1280" in graph


def test_page_count_is_checked_before_any_text_is_read(tmp_path, monkeypatch):
    import graphkit.read.pdf as pdf

    monkeypatch.setattr(pdf, "MAX_PDF_PAGES", 3)
    monkeypatch.setattr(pdf, "_page_rows", lambda page: pytest.fail("text read"))
    source = Path(__file__).parent / "data" / "office" / "forms" / "idea-form-003.pdf"
    with pytest.raises(ReadError, match=r"PDF of 6 pages \(limit 3\); not read"):
        read_path(source)


def test_ocr_asked_for_without_tesseract_says_what_to_install(tmp_path, monkeypatch):
    import graphkit.read.pdf as pdf

    path = _scan(tmp_path / "skannad.pdf")
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    with pytest.raises(ReadError, match="--ocr given but Tesseract is not installed"):
        read_path(path, ocr=True)
