"""Rendering a dossier view (services.dossier) to HTML and to PDF (see reports.documents)."""

from __future__ import annotations

from enum import Enum
from typing import Any

from markupsafe import Markup, escape

from reunite.domain.disclosure import Level
from reunite.domain.persons import Sex
from reunite.domain.wording import mark, words
from reunite.reports.documents import Translator, directions, environment, pdf_of
from reunite.reports.happened import what_happened
from reunite.services.dossier import MARKED, DossierPerson, DossierView

# Texts the dossier looks up at run time (person labels, the words of a description).
LABELS = {"child": mark("Child"), "sought person": mark("Sought person"),
          "searching relative": mark("Searching relative"), "person": mark("Person")}
DESCRIPTIONS = {(True, Sex.FEMALE): mark("girl"), (True, Sex.MALE): mark("boy"),
                (False, Sex.FEMALE): mark("woman or girl"), (False, Sex.MALE): mark("man or boy")}


def render_html(view: DossierView, language: Translator) -> str:
    _ = language.gettext

    def label(person: DossierPerson) -> str:
        return f"{_(LABELS[person.label])} {person.number}"

    def who(position: int) -> str:
        return view.shown_name(position, label) or _("another person")

    def describe(person: DossierPerson) -> str:
        if person.level is Level.NAMED:
            return person.names[0]
        parts = [label(person)]
        if person.sex is not Sex.UNKNOWN:
            parts.append(_(DESCRIPTIONS[(person.label == "child", person.sex)]))
        if person.born:
            parts.append(_("born about") + " " + person.born)
        return ", ".join(parts)

    def text(value: str) -> Markup:
        """Free text, escaped, with each withheld person's mark written as their label."""
        safe = str(escape(value))
        return Markup(MARKED.sub(lambda m: str(escape(label(view.persons[int(m.group(1))]))),
                                 safe))

    def code(value: Enum | str) -> str:
        return _(words(value))

    context: dict[str, Any] = {"view": view, "_": _, "lang": language, "who": who,
                               "describe": describe, "text": text, "code": code,
                               "label": label, "Level": Level,
                               "what": lambda entry: what_happened(entry, _, text)}
    return directions(environment().get_template("dossier.html").render(**context))


def render_pdf(view: DossierView, language: Translator) -> bytes:
    return pdf_of(render_html(view, language), view.version)
