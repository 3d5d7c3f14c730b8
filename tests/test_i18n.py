"""Interface catalogues: the template is current, Uyghur is complete, the others have begun."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from reunite.domain.messages import Channel
from reunite.domain.persons import Sex
from reunite.domain.wording import every_word, words

PACKAGE = Path(__file__).parent.parent / "src" / "reunite"
WEB = PACKAGE / "web"
METHODS = [("**/templates/**.html", "jinja2"), ("**.py", "python")]
LANGUAGES = ("ug", "tr", "zh")


def _used() -> set[str]:
    """Every text the web interface and the reports (dossier, statistics) show."""
    return {message for folder in (WEB, PACKAGE / "reports")
            for _, _, message, _, _ in extract_from_dir(
                str(folder), METHODS, keywords={"_": None, "mark": None})
            if isinstance(message, str) and message}


def _catalog(code: str) -> dict[str, str]:
    with (WEB / "locale" / code / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        return {m.id: m.string for m in read_po(fh) if m.id}


def test_template_lists_every_message_the_interface_uses() -> None:
    with (WEB / "locale" / "messages.pot").open("rb") as fh:
        template = {m.id for m in read_po(fh) if m.id}
    used = _used()
    assert len(used) > 150
    assert used - template == set(), "run pybabel extract (see docs/translating.md)"


def test_uyghur_is_complete_and_in_arabic_script() -> None:
    ug = _catalog("ug")
    missing = sorted(m for m in _used() if not ug.get(m))
    assert missing == []
    latin = [s for s in ug.values() if sum(c.isascii() and c.isalpha() for c in s) > len(s) / 2]
    assert latin == [], "Uyghur strings are written in Arabic script"


def test_turkish_and_chinese_have_begun() -> None:
    for code in ("tr", "zh"):
        done = [m for m, s in _catalog(code).items() if s]
        assert len(done) >= 40 and "Dashboard" in done


def test_every_vocabulary_code_shown_is_marked_and_translated_in_every_language() -> None:
    shown = every_word()
    assert {"voice message", "female", "aunt or uncle", "UN"} <= shown
    assert shown - _used() == set(), "mark the new codes' words in web/vocabulary.py"
    for code in LANGUAGES:
        catalog = _catalog(code)
        untranslated = sorted(w for w in shown if not catalog.get(w))
        assert untranslated == [], f"{code}: {untranslated}"


def test_a_code_reads_as_translated_words() -> None:
    ug = _catalog("ug")
    assert words(Channel.VOICE_MESSAGE) == "voice message"
    assert words(Sex.FEMALE) == "female" and words("F") == "F"  # a grade is not a sex
    assert ug["voice message"] != "voice message" and ug["voice message"]


def test_printed_documents_are_translated_in_every_language() -> None:
    printed = {message for _, _, message, _, _ in extract_from_dir(
        str(PACKAGE / "reports"), METHODS, keywords={"_": None, "mark": None})
        if isinstance(message, str) and message}
    assert {"Case dossier", "Days waiting", "Share unanswered"} <= printed
    for code in LANGUAGES:
        catalog = _catalog(code)
        assert sorted(m for m in printed if not catalog.get(m)) == [], code
