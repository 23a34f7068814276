"""Section headings that know their page, and a table of contents for long reports.

A report is laid out once to count its pages; when it runs over ``CONTENTS_AFTER_PAGES``
pages it is laid out again with a contents list after its title block, whose page numbers
are those the headings were drawn on in the layout before, until the numbers printed are
the pages the headings land on. Only the last layout draws the charts (``LaidOutImage``):
the others just find where everything goes.
Every heading is also a PDF bookmark, so viewers show an outline of the report.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    PageBreak,
    Paragraph,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from app.reports.output import Progress, Target, binary_output, no_progress
from app.reports.pdf.document import PageDecor, build_pdf, paragraph
from app.reports.pdf.fonts import markup
from app.reports.pdf.handout import ACCENT, ROOM_FOR_A_SECTION, HandoutStyles
from app.reports.pdf.tables import columns

CONTENTS_AFTER_PAGES = 5  # reports longer than this get a table of contents
CONTENTS_TITLE = "Contents"
_MAX_LAYOUTS = 4


@dataclass
class Contents:
    """The headings of one report, and the page each was drawn on in the latest layout."""

    entries: list[tuple[str, str, int]] = field(default_factory=list)  # key, text, level
    pages: dict[str, int] = field(default_factory=dict)
    drawing_images: bool = True  # off while a layout only finds the pages

    def add(self, text: str, level: int) -> str:
        key = f"h{len(self.entries) + 1}"
        self.entries.append((key, text, level))
        return key


class LaidOutImage(Image):
    """An image (a chart) that takes its room in every layout but is drawn only in the
    layout that is written out."""

    def __init__(self, data: bytes, width: float, height: float, contents: Contents) -> None:
        super().__init__(io.BytesIO(data), width=width, height=height)
        self._contents = contents

    def draw(self) -> None:
        if self._contents.drawing_images:
            super().draw()


class _Heading(Paragraph):
    """A heading paragraph that notes its page and adds itself to the PDF outline."""

    def __init__(self, text: str, style: ParagraphStyle, contents: Contents, key: str,
                 level: int) -> None:
        super().__init__(markup(text, style.fontName), style)
        self._contents, self._key, self._level, self._title = contents, key, level, text

    def draw(self) -> None:
        canvas = self.canv
        self._contents.pages[self._key] = canvas.getPageNumber()
        canvas.bookmarkPage(self._key)
        canvas.addOutlineEntry(self._title, self._key, level=self._level, closed=False)
        super().draw()


def heading(text: str, style: ParagraphStyle, contents: Contents, level: int) -> Flowable:
    return _Heading(text, style, contents, contents.add(text, level), level)


def section(title: str, styles: HandoutStyles, contents: Contents, note: str = "",
            level: int = 0) -> list[Flowable]:
    """A section heading in the handout look (rule under it), listed in the contents."""
    flowables: list[Flowable] = [
        CondPageBreak(ROOM_FOR_A_SECTION),
        heading(title, styles.section, contents, level),
        HRFlowable(width="100%", thickness=1.2, color=ACCENT, spaceBefore=4, spaceAfter=7,
                   hAlign="LEFT"),
    ]
    if note:
        flowables.append(paragraph(note, styles.base.small))
    return flowables


def subsection(title: str, styles: HandoutStyles, contents: Contents,
               level: int = 1) -> Flowable:
    return heading(title, styles.subheading, contents, level)


def build_report(
    target: Target,
    front: list[Flowable],
    body: list[Flowable],
    decor: PageDecor,
    contents: Contents,
    styles: HandoutStyles,
    width: float,
    *,
    page_size: str,
    subject: str = "",
    progress: Progress = no_progress,
    contents_after: int = CONTENTS_AFTER_PAGES,
) -> int:
    """Lay out ``front`` (the title block) and ``body``, with a contents list between them
    when the report runs over ``contents_after`` pages; write it to ``target``; return the
    page count. Raising from ``progress`` cancels (nothing is written)."""
    # Layouts that only find the pages leave the charts out (embedding an image is the
    # costly part of drawing); the last layout draws everything.
    contents.drawing_images = False
    plain = front + body
    pages = _layout(plain, decor, page_size, subject, _scaled(progress, 0, 3))[0]
    story = plain
    if pages > contents_after and contents.entries:
        # The contents take a page of their own (at least) and the body then starts on a
        # new page: lay out again with the pages found in the layout before until they hold.
        expected = {key: page + 1 for key, page in contents.pages.items()}
        for _attempt in range(_MAX_LAYOUTS):
            story = [*front, *_contents_list(contents, expected, styles, width), PageBreak(),
                     *body]
            contents.pages.clear()
            _layout(story, decor, page_size, subject, _scaled(progress, 1, 3))
            if contents.pages == expected:
                break
            expected = dict(contents.pages)
    contents.drawing_images = True
    result = _layout(story, decor, page_size, subject, _scaled(progress, 2, 3))
    return _write(target, result)


def _layout(story: list[Flowable], decor: PageDecor, page_size: str, subject: str,
            progress: Progress) -> tuple[int, bytes]:
    _forget_postponed(story)
    buffer = io.BytesIO()
    pages = build_pdf(buffer, list(story), decor, page_size=page_size, subject=subject,
                      progress=progress)
    return pages, buffer.getvalue()


def _forget_postponed(flowables: list[Flowable]) -> None:
    """Clear the marks a layout leaves on the story's flowables, so the same story can be
    laid out again (multiBuild does the same between its passes): ``_postponed`` on one
    moved to the next page, and the ``keepWithNext = 0`` reportlab sets on a heading it
    has grouped with what follows (without this, headings of the final layout could be
    left alone at the foot of a page)."""
    for flowable in flowables:
        if hasattr(flowable, "_postponed"):
            del flowable._postponed
        if flowable.__dict__.get("keepWithNext", None) == 0:
            del flowable.__dict__["keepWithNext"]  # back to its style's
        inner = getattr(flowable, "_content", None)
        if isinstance(inner, list):
            _forget_postponed(inner)


def _write(target: Target, result: tuple[int, bytes]) -> int:
    with binary_output(target) as file:
        file.write(result[1])
    return result[0]


def _scaled(progress: Progress, part: int, parts: int) -> Progress:
    """Progress of one layout as a part of all (a second layout is the second half)."""
    def report(done: int, total: int) -> None:
        progress(part * total + done, parts * total)

    return report


def _contents_list(contents: Contents, pages: dict[str, int], styles: HandoutStyles,
                   width: float) -> list[Flowable]:
    body = styles.base.body
    rows = []
    for key, text, level in contents.entries:
        style = body if level else styles.label.clone("contents_top", spaceBefore=0,
                                                      spaceAfter=0, keepWithNext=False)
        indent = "&nbsp;" * 6 * level
        rows.append([Paragraph(indent + markup(text, style.fontName), style),
                     paragraph(str(pages.get(key, "")), body.clone("contents_page",
                                                                    alignment=2))])
    table = Table(rows, colWidths=columns(width, 0.88, 0.12), hAlign="LEFT", repeatRows=0)
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, styles.base.small.textColor),
    ]))
    return [paragraph(CONTENTS_TITLE, styles.section), table]

