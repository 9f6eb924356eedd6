"""A segment's text as HTML: what the facilitator reads from during the call, and while preparing.

The runner shows one segment at a time and the module browser the whole module, but a segment's
parts (its epigraph, slides, figures and prompts) read the same in both, so both build them here.
Every text from a module file is escaped on the way in; only the Markdown body goes through the
app's safe renderer.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from itertools import groupby

from cofacilitator.markdown_text import render_markdown_html
from cofacilitator.sessions.schema import Figure, Module, Prompt, Quote, Segment, SegmentKind

RUNNER_FIGURE_WIDTH = 400
"""Figures fit the runner's centre column at 1280x720; the text browser does not shrink images."""
PENDING_SLIDES_HTML = "<p>Slides: <i>link still to be added</i></p>"


def escaped(text: str) -> str:
    return html.escape(text, quote=True)


def epigraph_segment(module: Module) -> str:
    """Where the module's opening quote is read: the roll call, or the first segment."""
    for segment in module.segments:
        if segment.kind is SegmentKind.ROLL_CALL:
            return segment.id
    return module.segments[0].id if module.segments else ""


def slides_link(segment: Segment) -> str:
    """The segment's slides address, or "" while the curriculum's link is still to be added."""
    link = segment.slides.strip()
    return "" if link in ("", "#") else link


def epigraph_html(quote: Quote) -> str:
    byline = ", ".join(escaped(part) for part in (quote.author, quote.source) if part)
    return f"<blockquote><p><i>“{escaped(quote.text)}”</i></p><p>— {byline}</p></blockquote>"


def figure_html(figure: Figure, width: int) -> str:
    """The image centred at ``width`` pixels, its caption (or its alt text) under it."""
    # The reading line height would stretch the image's line by a third: a gap under the figure.
    return (
        f'<p align="center" style="line-height:100%"><img src="{escaped(figure.path)}" '
        f'width="{width}" alt="{escaped(figure.alt)}"></p>'
        f'<p align="center"><i>{escaped(figure.caption or figure.alt)}</i></p>'
    )


def prompts_html(prompts: Sequence[Prompt]) -> str:
    """Prompts in file order, consecutive ones sharing a ``group`` under it as their heading;
    ungrouped ones under "Prompts"."""
    parts = []
    for group, grouped in groupby(prompts, key=lambda prompt: prompt.group):
        items = "".join(_prompt_item(prompt) for prompt in grouped)
        parts.append(f"<h3>{escaped(group or 'Prompts')}</h3><ul>{items}</ul>")
    return "".join(parts)


def _prompt_item(prompt: Prompt) -> str:
    details = "".join(f"<li>{escaped(detail)}</li>" for detail in prompt.details)
    return f"<li>{escaped(prompt.text)}" + (f"<ul>{details}</ul>" if details else "") + "</li>"


def segment_html(module: Module, segment: Segment) -> str:
    """What the facilitator reads from during the segment, in the runner."""
    parts = [f"<h2>{escaped(segment.title)}</h2>"]
    facts = [f"{segment.minutes} min"]
    facts.append("may be recorded" if segment.recordable else "not recorded")
    if segment.optional:
        facts.append("optional")
    parts.append(f"<p><i>{escaped(' · '.join(facts))}</i></p>")
    if segment.id == epigraph_segment(module) and module.epigraph.text:
        parts.append(epigraph_html(module.epigraph))
    if segment.slides and not slides_link(segment):
        parts.append(PENDING_SLIDES_HTML)
    if segment.body:
        parts.append(render_markdown_html(segment.body))
    parts += [figure_html(figure, RUNNER_FIGURE_WIDTH) for figure in segment.figures]
    if segment.prompts:
        parts.append(prompts_html(segment.prompts))
    return "\n".join(parts)
