"""Text helpers shared by importers: decoding bytes of doubtful charset, HTML to safe plain text."""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser

# Charset labels seen in the wild that Python does not know, mapped to what they mean in practice.
CHARSET_ALIASES = {
    "unknown-8bit": "",
    "x-unknown": "",
    "unknown": "",
    "x-user-defined": "",
    "default": "",
    "iso-8859-8-i": "iso-8859-8",
    "ks_c_5601-1987": "cp949",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-mac-roman": "mac_roman",
    "macintosh": "mac_roman",
    "windows-874": "cp874",
    "utf8": "utf-8",
    "ansi_x3.4-1968": "ascii",
}


def normalise_charset(label: str | None) -> str:
    """Returns a codec name Python knows for ``label``, or "" when it is missing or unknown."""
    if not label:
        return ""
    label = label.strip().strip("\"'").lower()
    label = CHARSET_ALIASES.get(label, label)
    if not label:
        return ""
    try:
        return codecs.lookup(label).name
    except LookupError:
        return ""


def decode_bytes(data: bytes, charset: str | None = None) -> tuple[str, str]:
    """Returns (text, how) for bytes said to be in ``charset``.

    Tries the declared charset, then UTF-8, then Windows-1252 (which, with replacement of its five
    undefined bytes, decodes anything). ``how`` names the codec used, with "(fallback)" when the
    declared one was missing, unknown or wrong, so callers can record it.
    """
    declared = normalise_charset(charset)
    if declared:
        try:
            return data.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass
    # us-ascii declared but 8-bit present is common: same fallbacks.
    try:
        text = data.decode("utf-8")
        return text, "utf-8" if not charset else "utf-8 (fallback)"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252 (fallback)"


_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
    ]
)
# Elements whose content is never text for a reader (and may be hostile): dropped whole.
_SKIP_TAGS = frozenset(
    ["script", "style", "head", "title", "noscript", "template", "svg", "math", "iframe", "object", "embed"]
)


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.in_pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skip_depth += 1
            return
        if tag == "pre":
            self.in_pre += 1
        if tag == "li":
            self.parts.append("\n- ")
        elif tag in ("td", "th"):
            self.parts.append("\t")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "hr", "p", "div"):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if tag == "pre":
            self.in_pre = max(0, self.in_pre - 1)
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        self.parts.append(data if self.in_pre else re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    """Returns the readable text of an HTML document: no tags, no script/style/head content.

    The result is plain text (never HTML), so it is safe to show escaped and to index.
    """
    parser = _TextExtractor()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # noqa: S110 - HTMLParser is lenient; keep whatever was read on a rare failure
        pass
    text = "".join(parser.parts)
    return tidy_text("\n".join(line.strip(" ") for line in text.split("\n")))


def tidy_text(text: str) -> str:
    """Returns text with trailing spaces dropped, runs of blank lines cut to one, ends stripped."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
