"""Interface words that templates look up at run time (roles, outcomes, table titles).

Listed here so that message extraction finds them; ``mark`` returns its argument unchanged.
"""

from __future__ import annotations


def mark(message: str) -> str:
    return message


DYNAMIC_MESSAGES = (
    # roles
    mark("admin"), mark("coordinator"), mark("caseworker"), mark("analyst"), mark("read_only"),
    # field-by-field comparison
    mark("given name"), mark("father's name"), mark("birth"), mark("sex"),
    mark("match"), mark("partial"), mark("mismatch"), mark("unknown"),
    # review statuses
    mark("potential"), mark("confirmed"), mark("rejected"), mark("undecided"),
    # statistics
    mark("Cases by status"), mark("Cases by year opened"), mark("Sought persons by status"),
    mark("Sought persons by sex"), mark("Sought persons by hometown (prefecture)"),
    mark("Events concerning sought persons, by kind"),
    # error page titles
    mark("Not allowed"), mark("Form expired"), mark("Not found"), mark("Request refused"),
    mark("Stored data failed its integrity check"),
)
