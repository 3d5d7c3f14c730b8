"""Interface words that templates look up at run time (roles, outcomes, table titles).

Listed here so that message extraction finds them; ``mark`` returns its argument unchanged.
"""

from __future__ import annotations

from reunite.domain.wording import mark

DYNAMIC_MESSAGES = (
    # vocabulary codes as words (domain.wording.SHOWN; a test checks this list is complete)
    mark("Chinese characters"), mark("NGO report"), mark("UN"), mark("UN submission"),
    mark("abroad"), mark("acknowledged"), mark("admin"), mark("after"), mark("alias"),
    mark("analyst"), mark("appealed"), mark("arabic"), mark("asylum"), mark("aunt or uncle"),
    mark("before"), mark("boarding school"), mark("call"), mark("camp"), mark("cared for by"),
    mark("caretaker"), mark("caretaker detained"), mark("caseworker"), mark("child"),
    mark("citizenship"), mark("closed"), mark("confiscated"), mark("contact restored"),
    mark("coordinator"), mark("cousin"), mark("cyrillic"), mark("day"), mark("deceased"),
    mark("departed"), mark("detained"), mark("detained while travelling"),
    mark("detention centre"), mark("died in custody"), mark("diplomatic note"),
    mark("document"), mark("email"), mark("expired"), mark("family"),
    mark("family reunification"), mark("father"), mark("female"), mark("filed"), mark("friend"),
    mark("full"), mark("given"), mark("grandchild"), mark("grandparent"), mark("granted"),
    mark("held"), mark("high"), mark("hospital"), mark("in institution"), mark("in person"),
    mark("in-law"), mark("interrogated"), mark("interview"), mark("kindergarten"),
    mark("last contact"), mark("latin"), mark("lawyer"), mark("letter"), mark("located"),
    mark("low"), mark("male"), mark("medium"), mark("ministry"), mark("missing"), mark("mixed"),
    mark("month"), mark("named"), mark("national ID"), mark("never issued"),
    mark("news report"), mark("niece or nephew"), mark("none"), mark("normal"),
    mark("official statement"), mark("open"), mark("orphanage"), mark("other"), mark("parent"),
    mark("part of the year"), mark("passport"), mark("passport confiscated"),
    mark("passport renewal"), mark("permit granted"), mark("petition"), mark("phone"),
    mark("prison"), mark("pseudonymous"), mark("public"), mark("range"), mark("read only"),
    mark("refused"), mark("relative message"), mark("released"), mark("residence"),
    mark("residence permit"), mark("reunited"), mark("searcher"), mark("season"), mark("seen"),
    mark("sentenced"), mark("sibling"), mark("social media"), mark("sought"), mark("spouse"),
    mark("taken to institution"), mark("text message"), mark("third party"), mark("tracing"),
    mark("transferred"), mark("travel document"), mark("unknown"), mark("urgent"),
    mark("video"), mark("visa"), mark("visa refused"), mark("visit"), mark("voice message"),
    mark("withdrawn"), mark("withheld"), mark("witness"), mark("year"),
    # field-by-field comparison
    mark("given name"), mark("father's name"), mark("birth"), mark("sex"),
    mark("match"), mark("partial"), mark("mismatch"), mark("unknown"),
    # review statuses
    mark("potential"), mark("confirmed"), mark("rejected"), mark("undecided"),
    # statistics
    mark("Cases by status"), mark("Cases by year opened"), mark("Sought persons by status"),
    mark("Sought persons by sex"), mark("Sought persons by hometown (prefecture)"),
    mark("Events concerning sought persons, by kind"),
    mark("Sought persons by year of last contact"),
    mark("Sought persons by kind of institution held in"),
    mark("not recorded"), mark("year uncertain"), mark("none recorded"),
    # error page titles
    mark("Not allowed"), mark("Form expired"), mark("Not found"), mark("Request refused"),
    mark("Stored data failed its integrity check"),
)
