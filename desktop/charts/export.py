"""Writing figures to files: PNG, SVG or PDF by suffix, and multi-page PDF reports, always atomically."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

# The ban on matplotlib.backends is about Qt canvases; the PDF writer is plain file output, no GUI.
from matplotlib.figure import Figure

from desktop.exports.atomic import atomic_write

FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}


def chart_format(path: Path) -> str:
    """The matplotlib format for `path`'s suffix; anything else is refused before a file is touched."""
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        allowed = ", ".join(FORMATS)
        raise ValueError(f"cannot export a chart as {path.suffix or 'a file without suffix'}: use {allowed}") from None


def save_figure(figure: Figure, path: Path | str) -> Path:
    """Write `figure` to `path` in the format its suffix names; an interrupted export leaves no partial file."""
    target = Path(path)
    kind = chart_format(target)
    with atomic_write(target, "wb") as stream:
        figure.savefig(stream, format=kind)
    return target


def figure_pages_pdf(figures: Iterable[Figure], path: Path | str) -> int:
    """One PDF page per figure (the monthly report), written atomically; returns the number of pages."""
    target = Path(path)
    if chart_format(target) != "pdf":
        raise ValueError(f"a multi-page report is a PDF, not {target.suffix}")
    pages = list(figures)
    if not pages:
        raise ValueError("a report needs at least one page")
    from matplotlib.backends.backend_pdf import PdfPages  # fontTools and all: loaded when a PDF is written

    # PdfPages closes (writing the trailer) before atomic_write replaces the target.
    with atomic_write(target, "wb") as stream, PdfPages(stream) as pdf:
        for figure in pages:
            pdf.savefig(figure)
    return len(pages)
