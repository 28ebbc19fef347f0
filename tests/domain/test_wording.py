"""Sentences worded below the controllers: English as written, or in the language they are said in."""

from __future__ import annotations

import pickle

from desktop.domain.wording import QT_TRANSLATE_NOOP, WordedError

FRENCH = {
    ("import", "{where}: {what}"): "{where} : {what}",
    ("import", "column {column} is empty"): "la colonne {column} est vide",
}


def french(context: str, text: str) -> str:
    return FRENCH.get((context, text), text)


def test_a_wording_reads_in_english_and_is_said_translated_with_its_inner_sentences() -> None:
    empty = QT_TRANSLATE_NOOP("import", "column {column} is empty").format(column="'原价'")
    located = QT_TRANSLATE_NOOP("import", "{where}: {what}").format(where="bill.csv:7", what=empty)
    assert str(located) == "bill.csv:7: column '原价' is empty"
    assert located.said(french) == "bill.csv:7 : la colonne '原价' est vide"


def test_an_error_keeps_its_wording_across_processes_and_plain_text_as_it_is() -> None:
    worded = WordedError(QT_TRANSLATE_NOOP("import", "column {column} is empty").format(column="'x'"))
    again = pickle.loads(pickle.dumps(worded.wording))
    assert WordedError(again).said(french) == "la colonne 'x' est vide"
    assert str(worded) == "column 'x' is empty"
    assert WordedError("disk full").said(french) == "disk full"
