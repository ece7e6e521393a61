"""Text as editors meant it, without the invisible control characters that
XML 1.0 refuses and HTML calls a parse error.

They arrive by paste (Word's soft line break is a vertical tab) or by hostile
input; one stray character would otherwise break every feed an article is in.
"""

import re

#: C0 controls but tab, line feed and carriage return; DEL and the C1 block;
#: the two non-characters XML forbids.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_SOFT_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})


def without_control_characters(text: str, *, single_line: bool = False) -> str:
    """``text`` with control characters removed; vertical tabs and form feeds
    become line breaks, which is what the writer saw. In a one-line field
    (a title, a name) every line break or tab becomes a space instead."""
    text = _CONTROL.sub("", text.translate(_SOFT_BREAKS))
    return " ".join(text.split()) if single_line else text


#: Longest run of digits read as a number: an id never needs more, and a
#: longer one would only make int() slow or refuse (Python's digit limit).
_MAX_DIGITS = 18
_ASCII_NUMBER = re.compile(rf"[0-9]{{1,{_MAX_DIGITS}}}")


def positive_int(raw: str | None) -> int | None:
    """``raw`` as a positive whole number if it is one written in plain ASCII
    digits, else None. ``str.isdigit()`` is no guard: it accepts "²" and
    other digits that ``int()`` refuses, so user input is read here instead."""
    if raw is None or not _ASCII_NUMBER.fullmatch(raw):
        return None
    number = int(raw)
    return number or None


def positive_ints(raw: str | None, *, separator: str = ",") -> list[int]:
    """The positive whole numbers in a ``separator``-joined list (a cookie, a
    query parameter), in order, skipping whatever is not one."""
    numbers = (positive_int(part) for part in (raw or "").split(separator))
    return [number for number in numbers if number is not None]
