"""Data for the browser as a script that hands it to a function: `name(arg, …);`.

A page opened from disk (`file://`, the offline edition) cannot fetch a file; it can load a
script. The arguments are JSON with their characters as they are (small files the mirror can
convert as text), except "<", ">" and "&", written as escapes so that no text reads as markup
even if the file were opened as HTML, and U+2028/9, which end a line in older JavaScript.
"""

from __future__ import annotations

import json

_ESCAPES = [(char, f"\\u{ord(char):04x}") for char in "<>&\u2028\u2029"]


def script_call(function: str, *args: object) -> str:
    text = ",".join(json.dumps(arg, ensure_ascii=False, separators=(",", ":")) for arg in args)
    for char, escape in _ESCAPES:  # str.replace, not str.translate: many times faster on long texts
        text = text.replace(char, escape)
    return f"{function}({text});\n"
