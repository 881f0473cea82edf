"""The one markdown escaper: a user's text (a customer, a stage, a file name, a dataset label) shown in a
markdown element as itself, never as a link, an image, HTML, emphasis, LaTeX, a colour or an icon.

Streamlit renders every text element, label, caption, metric, tab, expander, button and radio option as
GitHub-flavoured markdown with its own extensions (StreamlitMarkdown.tsx, 1.67): remark-directive for
`:red[x]`, `:small[x]` and `:blue-badge[x]`; remark-math for `$x$`; emoji (`:smile:`), Material icon
(`:material/home:`) and `:streamlit:` shortcodes; and it passes every link URL through unchanged, so
`[x](javascript:alert(1))` would be a live javascript: link. Two kinds of escape are needed:

- A backslash before each character that starts inline markdown anywhere in a line (CommonMark lets any
  ASCII punctuation be escaped, and the renderer shows the character without the backslash), and before a
  block marker (`#`, `-`, `+`, `=`, `1.`) at the start of a line.
- An invisible WORD JOINER (U+2060) where a plugin looks for a pattern in the text *after* escapes are
  resolved: bare URLs and e-mail addresses (GFM autolink literals), and `:name:` shortcodes. A backslash
  cannot stop those; a character between `:` and `name`, `www` and `.`, `://` or after `@` does.

Dots, dashes, percent signs and digits inside a line are left alone, so `2024-01-05`, `12.5%` and
`orders.csv` read the same in markdown and in a chart title.
"""

from __future__ import annotations

import re

WORD_JOINER = "\u2060"

# emphasis * _, strikethrough ~, code `, links and images [ ] (a ! or ( alone makes nothing), HTML and
# autolinks < >, LaTeX $, tables |, character references &, directives and shortcodes :, the escape \ itself
_INLINE = re.compile(r"([\\`*_~\[\]<>$|&:])")
# a heading, list, quote, thematic break or setext underline only counts at the start of a line
_LINE_MARKER = re.compile(r"^([ \t]*)(#{1,6}|[-+=]+)(?=[ \t]|$)", re.MULTILINE)
_LINE_NUMBER = re.compile(r"^([ \t]*\d{1,9})(?=[.)](?:[ \t]|$))", re.MULTILINE)
# patterns matched in the rendered text: `:name:` shortcodes, http:// and www. links, user@host e-mails
_AFTER_PARSE = re.compile(r"(:)(?=[A-Za-z0-9_+/-]+:|//)|(?i:(www))(?=\.)|(@)(?=[A-Za-z0-9_-]+\.[A-Za-z0-9_-])")


class Markdown(str):
    """Text already fit for a markdown element: t()'s sentences, whose interpolated values are escaped.
    t() leaves a Markdown value alone, so a sentence built from another sentence is escaped once."""


def plain(text) -> Markdown:
    """A user's text, shown in a markdown element as itself, never as formatting, a link or an image."""
    if isinstance(text, Markdown):
        return text
    joined = _AFTER_PARSE.sub(lambda m: m.group(0) + WORD_JOINER, str(text))
    escaped = _INLINE.sub(r"\\\1", joined)
    escaped = _LINE_MARKER.sub(r"\1\\\2", escaped)
    return Markdown(_LINE_NUMBER.sub(r"\1\\", escaped))  # "1. x": the dot after the number makes the list
