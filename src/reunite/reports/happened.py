"""What a timeline entry says happened, in the reader's language, for every renderer.

The case page and the dossier both call :func:`what_happened`, so that the same entry reads the
same on screen and on paper. An entry is described from its structured fields (vocabulary code,
place, organisation, free text); names of persons are never part of it (renderers show those
apart, as a name or as a label).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from markupsafe import Markup, escape

from reunite.domain.wording import words


class Happening(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def code(self) -> str: ...
    @property
    def where(self) -> str: ...
    @property
    def detail(self) -> str: ...
    @property
    def party(self) -> str: ...
    @property
    def stage(self) -> str: ...
    @property
    def sender(self) -> str: ...


def _plain(value: str) -> Markup:
    return Markup(escape(value))


def _own(value: Markup) -> Markup:
    """Free text in its own direction (a Latin place on a Uyghur page, and the reverse)."""
    return Markup('<span dir="auto">{}</span>').format(value)


def what_happened(e: Happening, gettext: Callable[[str], str],
                  text: Callable[[str], Markup] = _plain) -> Markup:
    """The entry in words; ``text`` renders free text (the dossier writes labels for the
    persons its audience may not see named)."""
    _ = gettext

    def code(value: str) -> Markup:
        return Markup(escape(_(words(value))))

    def label(translated: str) -> Markup:
        return Markup(escape(translated))

    if e.kind == "case opened":
        return label(_("Case opened by")) + " " + _own(text(e.party))
    if e.kind == "case closed":
        shown = label(_("Case closed"))
        return shown + ": " + _own(text(e.detail)) if e.detail else shown
    if e.kind == "message":
        shown = label(_("Message")) + " (" + code(e.code) + ")"
        return shown + " — " + _own(text(e.sender)) if e.sender else shown
    if e.kind == "intervention":
        return code(e.code) + " → " + _own(text(e.party))
    if e.kind == "response":
        return label(_("Response from")) + " " + _own(text(e.party)) + ": " + _own(text(e.detail))
    if e.kind == "application":
        shown = code(e.code) + " (" + text(e.party) + "): " + code(e.stage)
        return shown + " — " + _own(text(e.detail)) if e.detail else shown
    shown = code(e.code)
    if e.where:
        shown += " — " + _own(text(e.where))
    if e.detail:
        shown += ": " + _own(text(e.detail))
    return shown
