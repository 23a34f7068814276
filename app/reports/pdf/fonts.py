"""Fonts for PDF reports: DejaVu Sans for every script it covers, CJK fonts for the rest.

reportlab's built-in Helvetica covers Latin-1 only, so reports use the bundled DejaVu
Sans (app/resources/fonts: Latin, Greek, Cyrillic, Hebrew, Arabic letters and more).
Chinese, Japanese and Korean characters, which DejaVu lacks, are drawn with reportlab's
CID fonts (not embedded: PDF viewers supply them): STSong-Light for Chinese,
HeiseiKakuGo-W5 when the text holds kana, HYGothic-Medium when it holds Hangul.

``markup`` turns user text into Paragraph markup: XML-escaped first (a Paragraph is
markup, so "<b>" typed by a user must print as typed), then split into runs wrapped in
``<font name=...>``. ``draw_text`` does the same for text drawn directly on a canvas.

Right-to-left text (Arabic, Hebrew) is shaped and reordered first (app/reports/pdf/rtl.py).
"""

from __future__ import annotations

import threading
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from app.reports.pdf.rtl import visual

FONT_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
CHINESE = "STSong-Light"
JAPANESE = "HeiseiKakuGo-W5"
KOREAN = "HYGothic-Medium"

_lock = threading.Lock()
_coverage: dict[str, frozenset[int]] = {}


def register_fonts() -> None:
    """Register the report fonts with reportlab (once; safe from several threads)."""
    with _lock:
        if _coverage:
            return
        for name, file in ((REGULAR, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf")):
            font = TTFont(name, str(FONT_DIR / file))
            pdfmetrics.registerFont(font)
            _coverage[name] = frozenset(font.face.charToGlyph)
        _map_family(REGULAR, REGULAR, BOLD)
        for name in (CHINESE, JAPANESE, KOREAN):
            pdfmetrics.registerFont(UnicodeCIDFont(name))
            _map_family(name, name, name)  # no bold face: <b> inside CJK stays regular


def _map_family(family: str, regular: str, bold: str) -> None:
    addMapping(family, 0, 0, regular)
    addMapping(family, 0, 1, regular)
    addMapping(family, 1, 0, bold)
    addMapping(family, 1, 1, bold)


def _is_kana(code: int) -> bool:
    return 0x3040 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF or 0xFF66 <= code <= 0xFF9F


def _is_hangul(code: int) -> bool:
    return (
        0x1100 <= code <= 0x11FF
        or 0x3130 <= code <= 0x318F
        or 0xA960 <= code <= 0xA97F
        or 0xAC00 <= code <= 0xD7AF
    )


def _is_cjk(code: int) -> bool:
    return (
        0x2E80 <= code <= 0x9FFF  # radicals, CJK punctuation, kana, ideographs
        or 0xAC00 <= code <= 0xD7AF
        or 0xF900 <= code <= 0xFAFF
        or 0xFE30 <= code <= 0xFE4F
        or 0xFF00 <= code <= 0xFFEF  # full- and half-width forms
        or 0x1100 <= code <= 0x11FF
        or 0x20000 <= code <= 0x3FFFF
    )


def _cjk_font(text: str) -> str:
    codes = [ord(c) for c in text]
    if any(_is_kana(c) for c in codes):
        return JAPANESE
    if any(_is_hangul(c) for c in codes):
        return KOREAN
    return CHINESE


def runs(text: str, font: str = REGULAR) -> list[tuple[str, str]]:
    """Split ``text`` into (font name, piece) runs that each font can draw."""
    register_fonts()
    if text.isascii():
        return [(font, text)] if text else []
    own, regular = _coverage[font], _coverage[REGULAR]
    cjk: str | None = None
    result: list[tuple[str, str]] = []
    for char in text:
        code = ord(char)
        if code in own:
            chosen = font
        elif code in regular:
            chosen = REGULAR
        elif _is_cjk(code):
            cjk = cjk or _cjk_font(text)
            chosen = cjk
        else:
            chosen = font  # nothing bundled draws it: the font's "missing" box
        if result and result[-1][0] == chosen:
            result[-1] = (chosen, result[-1][1] + char)
        else:
            result.append((chosen, char))
    return result


def markup(text: str, font: str = REGULAR) -> str:
    """Paragraph markup for user text: escaped, line breaks kept, fonts switched per run."""
    text = visual(text.replace("\r\n", "\n").replace("\r", "\n"))
    pieces = []
    for name, piece in runs(text, font):
        escaped = escape(piece).replace("\n", "<br/>")
        pieces.append(escaped if name == font else f'<font name="{name}">{escaped}</font>')
    return "".join(pieces)


def text_width(text: str, size: float, font: str = REGULAR) -> float:
    return sum(pdfmetrics.stringWidth(piece, name, size) for name, piece in runs(text, font))


def draw_text(
    canvas: Canvas,
    x: float,
    y: float,
    text: str,
    size: float,
    font: str = REGULAR,
    align: str = "left",
) -> None:
    """Draw one line of user text at (x, y); ``align`` is left, right or centre of x."""
    pieces = runs(visual(" ".join(text.split())), font)
    width = sum(pdfmetrics.stringWidth(p, n, size) for n, p in pieces)
    cursor = {"left": x, "right": x - width, "center": x - width / 2}[align]
    for name, piece in pieces:
        canvas.setFont(name, size)
        canvas.drawString(cursor, y, piece)
        cursor += pdfmetrics.stringWidth(piece, name, size)


def fit_text(text: str, size: float, max_width: float, font: str = REGULAR) -> str:
    """``text`` shortened with an ellipsis so that it fits ``max_width`` points."""
    text = " ".join(text.split())[:500]
    if text_width(text, size, font) <= max_width:
        return text
    while text and text_width(text + "…", size, font) > max_width:
        text = text[:-1]
    return text.rstrip() + "…"
