"""What every printed document shares: templates, the reader's language, text direction, PDF.

PDFs are made by WeasyPrint, whose Pango/HarfBuzz text layout shapes Uyghur Arabic script and
lays it out right to left; the fonts are Debian's Noto (fonts-noto-core for Latin, Cyrillic and
Arabic, fonts-noto-cjk for Chinese), installed by ``.ci/run``. Nothing is fetched: a document
has no external resource, and WeasyPrint is given a fetcher that refuses URLs.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import NoReturn, Protocol

from jinja2 import Environment, PackageLoader, select_autoescape


class Translator(Protocol):
    @property
    def code(self) -> str: ...

    @property
    def direction(self) -> str: ...

    def gettext(self, message: str) -> str: ...


@cache
def environment() -> Environment:
    return Environment(loader=PackageLoader("reunite.reports", "templates"),
                       autoescape=select_autoescape(default=True), trim_blocks=True,
                       lstrip_blocks=True)


_AUTO = re.compile(r'dir="auto">([^<]*)')


def _direction(text: str) -> str:
    """The direction of a text by its first strong letter (the bidi algorithm's rule P2)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def directions(page: str) -> str:
    """WeasyPrint lays out dir="rtl" and dir="ltr" but not dir="auto": each element marked
    auto gets the direction of its own text, so that a Latin name on a Uyghur page keeps its
    punctuation where it belongs (and the reverse)."""
    return _AUTO.sub(lambda m: f'dir="{_direction(m.group(1))}">{m.group(1)}', page)


def _no_fetch(url: str, *args: object, **kwargs: object) -> NoReturn:
    raise ValueError(f"a document loads nothing from outside ({url})")


def pdf_of(page: str, identifier: str) -> bytes:
    """The HTML ``page`` as PDF; ``identifier`` (a data version) makes the file reproducible."""
    from weasyprint import HTML  # heavy import: only when a PDF is made

    document = HTML(string=directions(page), url_fetcher=_no_fetch)
    pdf = document.write_pdf(pdf_identifier=identifier.encode(), custom_metadata=False)
    assert isinstance(pdf, bytes)
    return pdf
