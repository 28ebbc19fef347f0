"""The application's log: a rotating file in the platform's log folder, and stderr with `--debug`.

Only the programs' entry point starts it (`desktop.launch`); tests and library use log nowhere
but where they choose. Nothing logged may hold a secret (tests/reliability/test_secrets.py).
"""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

import platformdirs

from desktop import APP_DIR_NAME

LOG_BYTES = 1_000_000
LOG_FILES = 4  # the current file and three older ones: a few megabytes at most


def log_folder() -> Path:
    """Where the log files are (made if need be): e.g. ~/.local/state/ApsaraLiveAccountManager/log on Linux."""
    return Path(platformdirs.user_log_dir(APP_DIR_NAME, appauthor=False, ensure_exists=True))


def start_logging(debug: bool) -> Path:
    """Log to a rotating file (INFO and up; DEBUG and stderr too with `debug`); returns the file."""
    path = log_folder() / "apsara-live.log"
    handlers: list[logging.Handler] = [
        RotatingFileHandler(path, maxBytes=LOG_BYTES, backupCount=LOG_FILES - 1, encoding="utf-8")
    ]
    if debug:
        handlers.append(logging.StreamHandler())
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    for handler in handlers:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    return path
