"""Right-to-left text for PDFs: Arabic letter shaping and a simple visual reordering.

reportlab draws characters left to right as given, so Arabic would print unjoined and
backwards. reportlab's own fix (its ``bidi`` extra, rlbidi) is not available from the
package registry, so names and short texts are prepared here instead:

- Arabic (and Persian) letters are replaced by their joined presentation forms
  (isolated, final, initial, medial; lam-alef ligatures), which DejaVu Sans draws;
- each line is reordered for display: right-to-left runs are reversed, and when a line
  starts with right-to-left text the runs themselves are laid out right to left.

This is a simplification of the Unicode bidi algorithm that is right for names, titles
and single lines; long mixed-direction paragraphs that wrap may order lines imperfectly.
Extracted text (copy, pypdf) reads back in logical order, as presentation forms (NFKC
turns them back into ordinary letters).
"""

from __future__ import annotations

import re

# Letter -> (isolated presentation form, number of forms: 2 joins right only, 4 both ways)
_FORMS: dict[str, tuple[int, int]] = {
    "\u0622": (0xFE81, 2), "\u0623": (0xFE83, 2), "\u0624": (0xFE85, 2),
    "\u0625": (0xFE87, 2), "\u0626": (0xFE89, 4), "\u0627": (0xFE8D, 2),
    "\u0628": (0xFE8F, 4), "\u0629": (0xFE93, 2), "\u062a": (0xFE95, 4),
    "\u062b": (0xFE99, 4), "\u062c": (0xFE9D, 4), "\u062d": (0xFEA1, 4),
    "\u062e": (0xFEA5, 4), "\u062f": (0xFEA9, 2), "\u0630": (0xFEAB, 2),
    "\u0631": (0xFEAD, 2), "\u0632": (0xFEAF, 2), "\u0633": (0xFEB1, 4),
    "\u0634": (0xFEB5, 4), "\u0635": (0xFEB9, 4), "\u0636": (0xFEBD, 4),
    "\u0637": (0xFEC1, 4), "\u0638": (0xFEC5, 4), "\u0639": (0xFEC9, 4),
    "\u063a": (0xFECD, 4), "\u0641": (0xFED1, 4), "\u0642": (0xFED5, 4),
    "\u0643": (0xFED9, 4), "\u0644": (0xFEDD, 4), "\u0645": (0xFEE1, 4),
    "\u0646": (0xFEE5, 4), "\u0647": (0xFEE9, 4), "\u0648": (0xFEED, 2),
    "\u0649": (0xFEEF, 2), "\u064a": (0xFEF1, 4),
    "\u067e": (0xFB56, 4), "\u0686": (0xFB7A, 4), "\u0698": (0xFB8A, 2),
    "\u06a9": (0xFB8E, 4), "\u06af": (0xFB92, 4), "\u06cc": (0xFBFC, 4),
}
_LAM_ALEF = {"\u0622": 0xFEF5, "\u0623": 0xFEF7, "\u0625": 0xFEF9, "\u0627": 0xFEFB}
_TATWEEL = "\u0640"
_MIRROR = str.maketrans("()[]{}<>«»", ")(][}{><»«")
_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def has_rtl(text: str) -> bool:
    return _RTL.search(text) is not None


def _is_transparent(char: str) -> bool:
    return "\u064b" <= char <= "\u065f" or char == "\u0670"


def _joins_forward(char: str | None) -> bool:
    """Can this letter connect to the letter after it?"""
    return char == _TATWEEL or (char in _FORMS and _FORMS[char][1] == 4)


def _joins_backward(char: str | None) -> bool:
    return char == _TATWEEL or char in _FORMS


def shape_arabic(text: str) -> str:
    """Arabic letters replaced by their contextual presentation forms (logical order)."""
    letters = [c for c in text]
    out: list[str] = []
    previous: str | None = None  # the last non-transparent character
    index = 0
    while index < len(letters):
        char = letters[index]
        if _is_transparent(char):
            out.append(char)
            index += 1
            continue
        following = _next_letter(letters, index + 1)
        joined_before = _joins_forward(previous)
        if char == "\u0644" and following is not None and following[1] in _LAM_ALEF:
            out.append(chr(_LAM_ALEF[following[1]] + (1 if joined_before else 0)))
            previous, index = following[1], following[0] + 1
            continue
        if char in _FORMS:
            base, forms = _FORMS[char]
            joins_after = forms == 4 and following is not None and _joins_backward(following[1])
            offset = (1 if joined_before else 0) + (2 if joins_after else 0)
            out.append(chr(base + (offset if forms == 4 else min(offset, 1))))
        else:
            out.append(char)
        previous = char
        index += 1
    return "".join(out)


def _next_letter(letters: list[str], start: int) -> tuple[int, str] | None:
    for index in range(start, len(letters)):
        if not _is_transparent(letters[index]):
            return index, letters[index]
    return None


def visual_line(line: str) -> str:
    """One line shaped and reordered for left-to-right drawing."""
    shaped = shape_arabic(line)
    kinds = [_direction(c) for c in shaped]
    strong = [k for k in kinds if k != "N"]
    base = strong[0] if strong else "L"
    resolved = list(kinds)
    for index, kind in enumerate(kinds):
        if kind == "N":
            before = next((k for k in reversed(kinds[:index]) if k != "N"), base)
            after = next((k for k in kinds[index + 1 :] if k != "N"), base)
            resolved[index] = before if before == after else base
    runs: list[tuple[str, str]] = []
    for char, kind in zip(shaped, resolved, strict=True):
        if runs and runs[-1][0] == kind:
            runs[-1] = (kind, runs[-1][1] + char)
        else:
            runs.append((kind, char))
    pieces = [text[::-1].translate(_MIRROR) if kind == "R" else text for kind, text in runs]
    return "".join(reversed(pieces) if base == "R" else pieces)


def visual(text: str) -> str:
    """Text prepared for drawing left to right; unchanged when it has no RTL letters."""
    if not has_rtl(text):
        return text
    return "\n".join(visual_line(line) for line in text.split("\n"))


def _direction(char: str) -> str:
    if _RTL.match(char):
        return "R"
    if char.isalnum():
        return "L"
    return "N"
