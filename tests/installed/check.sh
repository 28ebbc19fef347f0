#!/usr/bin/env bash
# The application as a user installs it: build the wheel, install it (not editable) into a new
# virtual environment outside the checkout, and use it from another folder, so that nothing can
# come from the checkout. CI runs this after the tests; it takes a minute.
set -euo pipefail
checkout="$(cd "$(dirname "$0")/../.." && pwd)"
python="${PYTHON:-python3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

"$checkout/.venv/bin/pip" wheel -q --no-deps -w dist "$checkout"
"$python" -m venv venv
venv/bin/pip install -q dist/*.whl
bin="$work/venv/bin"
mkdir elsewhere && cd elsewhere
export APSARA_LIVE_NOW="2026-11-26T12:00:00+08:00" HOME="$work/home" XDG_DATA_HOME="$work/data"
db="sqlite:///$work/store.sqlite3"

fail() { echo "installed wheel: $*" >&2; exit 1; }

for shipped in share/applications/apsara-live.desktop share/metainfo/apsara-live.metainfo.xml \
               share/icons/hicolor/scalable/apps/apsara-live.svg; do
  test -f "$work/venv/$shipped" || fail "$shipped is not installed"
done

"$bin/apsara-live" --db "$db" demo | grep -q "demo account created" || fail "demo"
"$bin/apsara-live" --db "$db" overview --json \
  | "$bin/python" -c 'import json, sys; o = json.load(sys.stdin); assert o["state"] == "grace", o' \
  || fail "overview --json"
order=$("$bin/apsara-live" --db "$db" export-table orders --out "$work/orders.csv" >/dev/null \
  && "$bin/python" -c 'import csv, sys; print(next(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")))["OrderId"])' "$work/orders.csv")
"$bin/apsara-live" --db "$db" refund-quote "$order" --json \
  | "$bin/python" -c 'import json, sys; q = json.load(sys.stdin); assert q["order_id"] and "eligible" in q, q' \
  || fail "refund-quote --json"
# The default store lives in the user's data folder, made on first use.
"$bin/apsara-live" demo >/dev/null || fail "demo in the default store"
# The Chinese window, offscreen: it must find its translations and policy inside the package.
QT_QPA_PLATFORM=offscreen "$bin/python" - <<'PY' || fail "window start"
import sys
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication
from desktop.ui.app import ICON, WindowHost
from desktop.ui.main_window import LANGUAGE_SETTING

app = QApplication(sys.argv[:1])
QSettings().setValue(LANGUAGE_SETTING, "zh_CN")
host = WindowHost()
host.window.first_painted.connect(lambda: host.open_store(None))
host.window.show()
QTimer.singleShot(8000, app.quit)
app.exec()
title = host.window.tabs.tabText(0)
assert title == "概览", title
assert not QIcon(str(ICON)).isNull(), ICON
print("window started:", host.window.windowTitle())
PY
echo "installed wheel: demo, overview --json, refund-quote --json and the window work outside the checkout"
