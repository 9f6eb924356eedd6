"""The HTML form of an export: the Markdown document rendered into one self-contained page.

Markdown stays the reference; this page is what a participant can open from an email without the
app. Everything it needs is inline (no stylesheet, font, script or image is fetched), it follows the
reader's light or dark preference, and it prints cleanly.
"""

from __future__ import annotations

from html import escape

from cofacilitator.markdown_text import render_markdown_html

PAGE_CSS = """
:root {
  color-scheme: light dark;
  --text: #1f2328;
  --muted: #59636e;
  --background: #fdfdfc;
  --rule: #d8dee4;
  --quote: #f3f4f1;
  --link: #0b5cad;
}
@media (prefers-color-scheme: dark) {
  :root {
    --text: #e6e6e3;
    --muted: #a3aab2;
    --background: #181a1b;
    --rule: #3a3f44;
    --quote: #222527;
    --link: #7cb7f5;
  }
}
html { background: var(--background); color: var(--text); }
body {
  margin: 0 auto;
  max-width: 46rem;
  padding: 2rem 1.25rem 4rem;
  font: 17px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  overflow-wrap: break-word;
}
h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.8em 0 0.5em; }
h1 { font-size: 1.9rem; margin-top: 0; }
h2 { font-size: 1.45rem; border-bottom: 1px solid var(--rule); padding-bottom: 0.2em; }
h3 { font-size: 1.2rem; }
h4, h5, h6 { font-size: 1.02rem; }
a { color: var(--link); }
blockquote {
  margin: 1em 0;
  padding: 0.5em 1em;
  border-left: 4px solid var(--rule);
  background: var(--quote);
  color: var(--muted);
}
blockquote p { margin: 0.3em 0; }
ul, ol { padding-left: 1.6em; }
li { margin: 0.25em 0; }
table { border-collapse: collapse; width: 100%; margin: 1em 0; font-size: 0.95em; }
th, td {
  border: 1px solid var(--rule);
  padding: 0.35em 0.6em;
  text-align: left;
  vertical-align: top;
}
th { background: var(--quote); }
hr { border: 0; border-top: 1px solid var(--rule); margin: 2.5em 0 1.5em; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.9em; }
@media print {
  html { background: #fff; color: #000; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  a { color: inherit; }
  h2, h3 { break-after: avoid; }
  tr, li { break-inside: avoid; }
}
"""


def html_page(markdown_source: str, title: str) -> str:
    """A complete HTML document for an export's Markdown."""
    body = render_markdown_html(markdown_source)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        f"<title>{escape(title)}</title>\n"
        f"<style>{PAGE_CSS}</style>\n"
        "</head>\n"
        "<body>\n"
        "<main>\n"
        f"{body}\n"
        "</main>\n"
        "</body>\n"
        "</html>\n"
    )
