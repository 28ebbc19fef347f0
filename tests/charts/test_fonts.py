"""Chinese labels render with a real font, and a machine without one degrades with a warning."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from matplotlib import font_manager, image

from desktop.charts import style
from desktop.charts.export import save_figure
from desktop.charts.spend import SpendTable, spend_figure
from desktop.charts.usage import UsageSeries, usage_figure
from tests.charts.conftest import SHANGHAI

CHINESE_TITLE = "视频直播 峰值带宽（华东1 杭州）"


@pytest.fixture
def fresh_font_lookup() -> Iterator[None]:
    style.cjk_family.cache_clear()
    yield
    style.cjk_family.cache_clear()


def test_a_cjk_font_is_in_the_fallback_list() -> None:
    # fonts-noto-cjk is in resources/apt-packages.txt, so CI and users have it.
    assert style.font_families() == ["DejaVu Sans", "Noto Sans CJK SC"]


def test_chinese_labels_render_without_missing_glyphs(tmp_path: Path) -> None:
    start = datetime(2026, 11, 1, tzinfo=SHANGHAI)
    series = UsageSeries(
        "下行带宽",
        "兆比特/秒",
        [start + timedelta(minutes=5 * k) for k in range(600)],
        [Decimal(k % 97) for k in range(600)],
    )
    table = SpendTable("计费项", ["2026年10月", "2026年11月"], {"直播录制": [Decimal(5), Decimal(6)]}, "元")
    with warnings.catch_warnings():
        # matplotlib warns "Glyph … missing from font(s) …" for every character it cannot draw.
        warnings.simplefilter("error")
        for number, figure in enumerate(
            (usage_figure(series, zone=SHANGHAI, title=CHINESE_TITLE), spend_figure(table))
        ):
            path = save_figure(figure, tmp_path / f"chinese-{number}.png")
            assert image.imread(path).shape[:2] == (420, 960)


def test_without_a_cjk_font_charts_still_build_and_say_why(
    fresh_font_lookup: None, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    monkeypatch.setattr(style, "CJK_FAMILIES", ("No Such Font SC",))
    monkeypatch.setattr(font_manager, "findSystemFonts", lambda *args, **kwargs: [])
    with caplog.at_level(logging.WARNING, logger="desktop.charts.style"):
        assert style.font_families() == ["DejaVu Sans"]
        assert style.font_families() == ["DejaVu Sans"]
    (record,) = caplog.records  # once, not on every chart
    assert "fonts-noto-cjk" in record.getMessage()
    table = SpendTable("Region", ["2026-11"], {"cn-hangzhou": [Decimal(5)]}, "CNY")
    assert save_figure(spend_figure(table), tmp_path / "latin.png").exists()


@pytest.mark.parametrize("cached", [(), ("Droid Sans Fallback",)], ids=["no CJK font", "a lesser CJK font"])
def test_a_font_installed_after_the_cache_was_built_is_found(
    fresh_font_lookup: None, monkeypatch: pytest.MonkeyPatch, cached: tuple[str, ...]
) -> None:
    noto = next(entry.fname for entry in font_manager.fontManager.ttflist if entry.name == "Noto Sans CJK SC")
    stale = [entry for entry in font_manager.fontManager.ttflist if entry.name not in style.CJK_FAMILIES]
    stale += [font_manager.FontEntry(fname=f"/fonts/{name}.ttf", name=name) for name in cached]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", stale)
    monkeypatch.setattr(font_manager, "findSystemFonts", lambda *args, **kwargs: [noto])
    assert style.cjk_family() == "Noto Sans CJK SC"


@pytest.mark.parametrize("suffix", [".pdf", ".svg"])
def test_vector_exports_carry_the_chinese_glyphs(suffix: str, tmp_path: Path) -> None:
    table = SpendTable("计费项", ["2026年11月"], {"直播录制": [Decimal(5)]}, "元")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        path = save_figure(spend_figure(table, title=CHINESE_TITLE), tmp_path / f"chinese{suffix}")
    # PDF embeds a subset of the font by name; SVG draws each glyph as a path named after the font.
    assert b"NotoSansCJKsc-" in path.read_bytes()
