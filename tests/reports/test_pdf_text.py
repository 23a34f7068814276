"""PDF text preparation: escaping, a font per script, right-to-left shaping and order."""

from __future__ import annotations

import unicodedata

from app.reports.pdf.fonts import (
    BOLD,
    CHINESE,
    FONT_DIR,
    JAPANESE,
    KOREAN,
    REGULAR,
    fit_text,
    markup,
    runs,
    text_width,
)
from app.reports.pdf.rtl import shape_arabic, visual


def test_bundled_fonts_and_their_licence_are_there() -> None:
    names = {p.name for p in FONT_DIR.iterdir()}
    assert {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LICENSE-DejaVu.txt"} <= names


def test_user_text_is_escaped_for_paragraph_markup() -> None:
    assert markup('<b>Tom & "Jerry"</b>\nnext') == (
        '&lt;b&gt;Tom &amp; "Jerry"&lt;/b&gt;<br/>next')


def test_each_script_gets_a_font_that_draws_it() -> None:
    assert runs("José Иванов Ελένη") == [(REGULAR, "José Иванов Ελένη")]
    assert runs("Lee 李华 Tea") == [(REGULAR, "Lee "), (CHINESE, "李华"), (REGULAR, " Tea")]
    assert runs("山田さくら")[0][0] == JAPANESE  # kana: Japanese font for the kanji too
    assert runs("김민준") == [(KOREAN, "김민준")]
    assert runs("Bold 李", BOLD) == [(BOLD, "Bold "), (CHINESE, "李")]
    assert markup("a李") == 'a<font name="STSong-Light">李</font>'


def test_arabic_letters_are_joined_and_lines_laid_out_right_to_left() -> None:
    shaped = shape_arabic("ليلى")
    assert shaped == "\ufedf\ufef4\ufee0\ufef0"  # initial, medial, medial, final
    assert unicodedata.normalize("NFKC", shaped) == "ليلى"
    assert shape_arabic("لا") == "\ufefb"  # lam-alef ligature
    drawn = visual("حداد, ليلى")
    assert unicodedata.normalize("NFKC", drawn[::-1]) == "حداد, ليلى"
    assert visual("Layla (حداد)") == "Layla (" + shape_arabic("حداد")[::-1] + ")"
    assert visual("שלום") == "םולש"
    assert visual("plain text") == "plain text"


def test_fit_text_shortens_with_an_ellipsis() -> None:
    long = "Riverton Police Department Community Services Unit " * 3
    fitted = fit_text(long, 8, 100)
    assert fitted.endswith("…") and text_width(fitted, 8) <= 100
    assert fit_text("Short", 8, 100) == "Short"
