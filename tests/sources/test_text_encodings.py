"""Telling UTF-8 from GB18030 when a file's bytes are valid in both."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.sources.text_files import detect_encoding

HEADER = "Instance ID,Amount\n"


@pytest.mark.parametrize(
    "text",
    # Read as UTF-8: ʱ, two Hebrew vowel points, ͼ, an Armenian capital, Hebrew then Cyrillic.
    ["时", "直值", "图", "源", "专业"],
)
def test_hanzi_whose_gb18030_bytes_are_also_utf8_are_read_as_gb18030(text: str) -> None:
    sample = (HEADER + f"{text},1.00\n").encode("gb18030")
    sample.decode("utf-8")  # the trap: valid UTF-8 too
    assert detect_encoding(sample, Path("export.csv")) == "gb18030"


@pytest.mark.parametrize(
    "text",
    [
        "Café",
        "Müller & Søn",
        "Жанна",
        "Ґрунт",  # Ukrainian
        "ʻOkina",
        "Ștefan",
        "Xiǎomǐ Lǜ",  # pinyin with tone marks
        "Ơn",  # Vietnamese
        "پارس",  # Persian
        "£ 5",
        "next\u0085line",
        "δ",
    ],
)
def test_utf8_text_that_gb18030_could_also_read_stays_utf8(text: str) -> None:
    sample = (HEADER + f"{text},1.00\n").encode("utf-8")
    sample.decode("gb18030")  # readable as GB18030 too, as (wrong) hanzi
    assert detect_encoding(sample, Path("export.csv")) == "utf-8-sig"


@pytest.mark.parametrize(("hanzi", "letter"), [("未", "δ"), ("频", "Ƶ"), ("欠", "Ƿ"), ("元", "Ԫ")])
def test_a_gb18030_hanzi_that_reads_as_a_plausible_letter_stays_ambiguous(hanzi: str, letter: str) -> None:
    """The same bytes as a letter people write in UTF-8: read as UTF-8 (a known limit, README)."""
    assert hanzi.encode("gb18030") == letter.encode()
    assert detect_encoding((HEADER + f"{hanzi},1.00\n").encode("gb18030"), Path("export.csv")) == "utf-8-sig"
