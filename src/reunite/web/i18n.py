"""Interface languages: gettext catalogues (Babel .po files) compiled in memory at start-up.

English is the source language. Uyghur is written in Arabic script, right to left.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from importlib import resources
from io import BytesIO

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LANGUAGES = {"en": "English", "ug": "ئۇيغۇرچە", "tr": "Türkçe", "zh": "中文"}
RIGHT_TO_LEFT = frozenset({"ug"})
DOMAIN = "messages"


@dataclass(frozen=True)
class Language:
    code: str
    translations: gettext.NullTranslations

    @property
    def direction(self) -> str:
        return "rtl" if self.code in RIGHT_TO_LEFT else "ltr"

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)


def _compile(code: str) -> gettext.NullTranslations:
    po = resources.files("reunite.web").joinpath(f"locale/{code}/LC_MESSAGES/{DOMAIN}.po")
    if not po.is_file():
        return gettext.NullTranslations()
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=code)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def load_languages() -> dict[str, Language]:
    return {code: Language(code, _compile(code)) for code in LANGUAGES}
