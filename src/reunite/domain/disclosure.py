"""What a document made for an audience may say about one person, from their consent (pure).

Three levels:

- ``NAMED``: names in every script, exact birth, hometown, and the facts of the case;
- ``PSEUDONYMOUS``: a stable label ("Child 2"), sex, birth year (about), status and dates,
  never a name, a hometown, a document number or contact detail;
- ``WITHHELD``: the label and role only ("a further searching relative").

- lawyer (acting for the family): named with sharing or publication named; otherwise
  pseudonymous (never withheld);
- ministry, UN procedures: named with sharing or publication named; pseudonymous with
  tracing or publication pseudonymous; otherwise withheld;
- public (press, reports): named with publication named; pseudonymous with publication
  pseudonymous; otherwise withheld.

"Sharing" is the consent to share with organisations beyond the one holding the case; a
lawyer, a ministry and a UN body receiving a submission are such organisations, and the public
is reached only through publication. A lawyer acting for the family may also see the facts of
persons who did not consent to sharing, without their names. Only a lawyer's dossier carries
document numbers.
"""

from __future__ import annotations

from enum import StrEnum

from reunite.domain.persons import Consent, Publication


class Audience(StrEnum):
    LAWYER = "lawyer"
    MINISTRY = "ministry"
    UN = "un"
    PUBLIC = "public"


class Level(StrEnum):
    NAMED = "named"
    PSEUDONYMOUS = "pseudonymous"
    WITHHELD = "withheld"


def disclosure(consent: Consent, audience: Audience) -> Level:
    named = consent.publication is Publication.NAMED
    if audience is Audience.PUBLIC:
        if named:
            return Level.NAMED
        if consent.publication is Publication.PSEUDONYMOUS:
            return Level.PSEUDONYMOUS
        return Level.WITHHELD
    if named or consent.sharing:
        return Level.NAMED
    if audience is Audience.LAWYER:
        return Level.PSEUDONYMOUS
    if consent.tracing or consent.publication is Publication.PSEUDONYMOUS:
        return Level.PSEUDONYMOUS
    return Level.WITHHELD


def shows_document_numbers(audience: Audience) -> bool:
    return audience is Audience.LAWYER


def shows_verbatim_messages(audience: Audience) -> bool:
    """What relatives said, word for word, can identify who said it: not for the public."""
    return audience is not Audience.PUBLIC
