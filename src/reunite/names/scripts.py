"""Which writing system a piece of text is in."""

import unicodedata
from functools import cache

from reunite.domain.persons import Script

_BLOCKS: tuple[tuple[int, int, Script], ...] = (
    (0x0041, 0x024F, Script.LATIN),       # Basic Latin letters .. Latin Extended-B
    (0x0250, 0x02AF, Script.LATIN),       # IPA extensions (ə, ɵ)
    (0x1E00, 0x1EFF, Script.LATIN),
    (0x2C60, 0x2C7F, Script.LATIN),       # Latin Extended-C (ⱪ ⱨ ⱬ of the 1965 script)
    (0x0400, 0x052F, Script.CYRILLIC),
    (0x0600, 0x06FF, Script.ARABIC),
    (0x0750, 0x077F, Script.ARABIC),
    (0xFB50, 0xFDFF, Script.ARABIC),      # presentation forms A
    (0xFE70, 0xFEFF, Script.ARABIC),      # presentation forms B
    (0x3400, 0x4DBF, Script.HAN),
    (0x4E00, 0x9FFF, Script.HAN),
    (0xF900, 0xFAFF, Script.HAN),
    (0x20000, 0x2FA1F, Script.HAN),
)


@cache
def char_script(ch: str) -> Script | None:
    """The script of one letter, or None for digits, spaces, punctuation and marks."""
    if not unicodedata.category(ch).startswith("L"):
        return None
    code = ord(ch)
    for low, high, script in _BLOCKS:
        if low <= code <= high:
            return script
    return Script.UNKNOWN


def detect_script(text: str) -> Script:
    """The one script all letters of ``text`` are in; MIXED or UNKNOWN otherwise."""
    found = {s for s in map(char_script, text) if s is not None}
    if not found:
        return Script.UNKNOWN
    if len(found) == 1:
        return found.pop()
    return Script.MIXED
