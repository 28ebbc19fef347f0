"""Every chart exported as PNG, SVG and PDF, each file opened again; exports are all-or-nothing."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from matplotlib import image
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from desktop.charts.export import figure_pages_pdf, save_figure

CHARTS = ["usage", "spend", "overdue", "refunds"]
SVG_ROOT = "{http://www.w3.org/2000/svg}svg"
PAGE = re.compile(rb"/Type\s*/Page\b")  # a page object, not the /Pages tree


def pdf_pages(path: Path) -> int:
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")
    return len(PAGE.findall(data))


def _pixels(figure: Figure) -> tuple[int, int]:
    width, height = figure.get_size_inches() * figure.dpi
    return round(height), round(width)


@pytest.mark.parametrize("chart", CHARTS)
def test_png_has_the_figure_pixel_size(chart: str, figures: dict[str, Figure], tmp_path: Path) -> None:
    path = save_figure(figures[chart], tmp_path / f"{chart}.png")
    pixels = image.imread(path)
    assert pixels.shape[:2] == _pixels(figures[chart])
    assert pixels[..., :3].min() < 0.5  # something dark was drawn, not a blank page


@pytest.mark.parametrize("chart", CHARTS)
def test_svg_parses_as_svg(chart: str, figures: dict[str, Figure], tmp_path: Path) -> None:
    path = save_figure(figures[chart], tmp_path / f"{chart}.svg")
    root = ET.parse(path).getroot()
    assert root.tag == SVG_ROOT
    assert root.get("width", "").endswith("pt")


@pytest.mark.parametrize("chart", CHARTS)
def test_pdf_is_one_page(chart: str, figures: dict[str, Figure], tmp_path: Path) -> None:
    assert pdf_pages(save_figure(figures[chart], tmp_path / f"{chart}.pdf")) == 1


def test_suffix_decides_the_format_whatever_its_case(figures: dict[str, Figure], tmp_path: Path) -> None:
    path = save_figure(figures["spend"], str(tmp_path / "SPEND.PNG"))
    assert path.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


@pytest.mark.parametrize("name", ["chart.jpg", "chart", "chart.png.txt"])
def test_other_suffixes_are_refused_naming_the_allowed_ones(name: str, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"\.png, \.svg, \.pdf"):
        save_figure(Figure(), tmp_path / name)
    assert list(tmp_path.iterdir()) == []


def test_report_has_one_page_per_figure(figures: dict[str, Figure], tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    assert figure_pages_pdf([figures["spend"], figures["usage"], figures["refunds"]], path) == 3
    assert pdf_pages(path) == 3


def test_report_must_be_a_pdf_with_pages(figures: dict[str, Figure], tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="PDF"):
        figure_pages_pdf([figures["spend"]], tmp_path / "report.png")
    with pytest.raises(ValueError, match="at least one page"):
        figure_pages_pdf([], tmp_path / "report.pdf")
    assert list(tmp_path.iterdir()) == []


class ExportKilledError(Exception):
    """Stands in for whatever stops an export half-way (a crash, a full disk, Ctrl+C)."""


def test_a_killed_export_leaves_no_partial_file(
    figures: dict[str, Figure], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "usage.png"
    fresh = tmp_path / "fresh.svg"
    save_figure(figures["spend"], target)
    before = target.read_bytes()

    def half_written(self: Figure, stream, **kwargs) -> None:
        stream.write(b"\x89PNG\r\n\x1a\n half of a picture")
        raise ExportKilledError

    monkeypatch.setattr(Figure, "savefig", half_written)
    with pytest.raises(ExportKilledError):
        save_figure(figures["usage"], target)
    with pytest.raises(ExportKilledError):
        save_figure(figures["usage"], fresh)
    assert target.read_bytes() == before  # the previous export is untouched
    assert sorted(path.name for path in tmp_path.iterdir()) == ["usage.png"]  # no temporary files


def test_a_report_killed_on_its_second_page_leaves_nothing(
    figures: dict[str, Figure], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = 0
    original = PdfPages.savefig

    def second_page_fails(self: PdfPages, figure=None, **kwargs) -> None:
        nonlocal pages
        pages += 1
        if pages == 2:
            raise ExportKilledError
        original(self, figure, **kwargs)

    monkeypatch.setattr(PdfPages, "savefig", second_page_fails)
    with pytest.raises(ExportKilledError):
        figure_pages_pdf([figures["spend"], figures["usage"], figures["overdue"]], tmp_path / "report.pdf")
    assert list(tmp_path.iterdir()) == []
