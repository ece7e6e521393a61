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
