"""English and Simplified Chinese: the Linguist files are complete and current, the window switches live."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QLocale, QSettings
from pytestqt.qtbot import QtBot

from desktop.controllers.base import Context
from desktop.controllers.i18n import CATALOGUE, TRANSLATIONS, Translation, number_locale, system_language
from desktop.controllers.locale_text import amount_text, date_text, moment_text
from desktop.ui.app import WindowHost
from desktop.ui.main_window import LANGUAGE_SETTING, MainWindow
from desktop.ui.overview_tab import OverviewTab

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted(
    str(path)
    for folder in ("ui", "controllers", "charts", "domain", "sources", "store", "services")
    for path in (ROOT / "desktop" / folder).glob("*.py")
)
TS = TRANSLATIONS / f"{CATALOGUE}_zh_CN.ts"
SHANGHAI = ZoneInfo("Asia/Shanghai")


def qt_tool(name: str) -> str:
    """A PySide6 tool from the environment the tests run in."""
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    assert found, f"{name} is part of PySide6's tools and should be installed"
    return found


def messages(path: Path) -> list[tuple[str, str, str, str | None]]:
    """(context, source, translation, type) of every message of a Linguist file."""
    found = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            found.append((name, message.findtext("source", ""), translation.text or "", translation.get("type")))
    return found


def test_every_text_of_the_window_is_translated_and_the_linguist_file_is_current(tmp_path: Path) -> None:
    """Run lupdate on a copy: it must find nothing new, and leave nothing unfinished or vanished."""
    copy = tmp_path / TS.name
    shutil.copyfile(TS, copy)
    command = [qt_tool("pyside6-lupdate"), *SOURCES, "-source-language", "en", "-target-language", "zh_CN"]
    result = subprocess.run(
        [*command, "-no-obsolete", "-locations", "none", "-ts", str(copy)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "(0 new and" in result.stdout, result.stdout
    assert copy.read_text(encoding="utf-8") == TS.read_text(encoding="utf-8"), "run lupdate (see the README)"
    assert all(kind is None and text for _, _, text, kind in messages(copy))


def test_translations_keep_every_placeholder_and_accelerator() -> None:
    for context, source, translation, _ in messages(TS):
        assert sorted(re.findall(r"\{\w+\}", source)) == sorted(re.findall(r"\{\w+\}", translation)), (context, source)
        if re.search(r"&\w", source):
            assert re.search(r"\(&[A-Z]\)", translation), (context, source)


def test_the_compiled_translation_is_the_linguist_file(tmp_path: Path) -> None:
    compiled = tmp_path / "zh_CN.qm"
    subprocess.run([qt_tool("pyside6-lrelease"), str(TS), "-qm", str(compiled)], capture_output=True, check=True)
    assert compiled.read_bytes() == TS.with_suffix(".qm").read_bytes(), "run lrelease (see the README)"


@pytest.mark.parametrize(
    ("system", "language"),
    [("zh_CN", "zh_CN"), ("zh_SG", "zh_CN"), ("en_GB", "en"), ("de_DE", "en"), ("C", "en")],
)
def test_the_default_language_follows_the_system_locale(system: str, language: str) -> None:
    assert system_language(QLocale(system)) == language


@pytest.mark.parametrize(
    ("language", "system", "amount", "day"),
    [
        ("en", "en_US", "-1,234,567.891234", "11/26/2026"),
        ("en", "en_GB", "-1,234,567.891234", "26/11/2026"),
        ("en", "de_DE", "-1,234,567.891234", "11/26/2026"),  # English words, English numbers
        ("zh_CN", "en_US", "-1,234,567.891234", "2026/11/26"),
    ],
)
def test_numbers_and_dates_follow_the_locale_and_amounts_keep_every_digit(
    language: str, system: str, amount: str, day: str
) -> None:
    locale = number_locale(language, QLocale(system))
    assert amount_text(Decimal("-1234567.891234"), locale) == amount
    assert date_text(date(2026, 11, 26), locale) == day


def test_a_locale_with_other_separators_writes_the_same_exact_amount() -> None:
    german = QLocale("de_DE")
    assert amount_text(Decimal("-1234567.891234"), german) == "-1.234.567,891234"
    assert amount_text(Decimal("0.10"), german) == "0,10"
    assert moment_text(datetime(2026, 11, 26, 4, 5, tzinfo=ZoneInfo("UTC")), SHANGHAI, german) == "26.11.2026 12:05"


def test_the_language_menu_switches_the_window_to_chinese_and_back(
    qtbot: QtBot, context: Context, translation: Translation
) -> None:
    host = WindowHost(context)
    qtbot.addWidget(host.window)
    host.window.show()
    first = host.window
    chinese = next(action for action in host.window.language_actions.actions() if action.data() == "zh_CN")
    chinese.trigger()
    window = host.window
    qtbot.addWidget(window)
    assert window is not first
    assert QSettings().value(LANGUAGE_SETTING) == "zh_CN"
    assert window.windowTitle() == "视频直播账户管理"
    assert [window.tabs.tabText(index) for index in range(5)] == ["概览", "账单明细", "用量", "订单", "退款"]
    overview = window.tabs.widget(0)
    assert isinstance(overview, OverviewTab)
    assert overview.countdown.text().startswith("距停服还有 ")
    assert "欠费 15 天以内，直播服务继续运行。" in overview.rules.text()  # the policy file's own translation
    assert overview.state_banner.text() == "已欠费：服务继续运行，直到停服时刻。"

    english = next(action for action in window.language_actions.actions() if action.data() == "en")
    english.trigger()
    qtbot.addWidget(host.window)
    assert host.window.tabs.tabText(0) == "Overview"
    assert host.translation.language == "en"


def test_the_chosen_language_is_used_at_the_next_start(qtbot: QtBot, context: Context) -> None:
    QSettings().setValue(LANGUAGE_SETTING, "zh_CN")
    host = WindowHost(context)
    qtbot.addWidget(host.window)
    assert host.window.tabs.tabText(1) == "账单明细"
    assert QLocale().toString(1234567) == "1,234,567"


def test_the_language_waits_while_work_runs(qtbot: QtBot, context: Context, monkeypatch: pytest.MonkeyPatch) -> None:
    window = MainWindow(context)
    qtbot.addWidget(window)
    monkeypatch.setattr(window.jobs, "busy", lambda: True)
    with qtbot.assertNotEmitted(window.language_chosen):
        window._choose_language("zh_CN")
    assert QSettings().value(LANGUAGE_SETTING) == "zh_CN"
    assert "next started" in window.statusBar().currentMessage()


def test_a_missing_translation_keeps_the_window_in_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, translation: Translation
) -> None:
    monkeypatch.setattr("desktop.controllers.i18n.TRANSLATIONS", tmp_path)
    assert translation.install("zh_CN", QLocale("zh_CN")) == "en"
    assert translation.language == "en"
