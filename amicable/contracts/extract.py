"""Turn an uploaded contract file into plain text with page offsets.

Pure module: no Django import. Supported: PDF (text layer via pypdfium2, optional OCR through a
`tesseract` binary when one is installed), DOCX (python-docx, with automatic numbering rebuilt from
numPr/ilvl and tables rendered as text), Markdown, HTML (stdlib parser) and plain text.

The output keeps three things the segmenter needs: the text, where each page starts (character
offsets into the text), and "heading hints" (lines the source format marks as headings).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MIN_TEXT_CHARS_PER_PAGE = 25
OCR_TIMEOUT_SECONDS = 60

FORMATS = ("pdf", "docx", "md", "html", "txt")


class ExtractionError(Exception):
    """A file we cannot read as a contract; `code` says why, the message says what to do."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Heading:
    """A line the source format marks as a heading (Markdown #, DOCX Heading style, HTML <hN>)."""

    start: int
    level: int


@dataclass
class Extracted:
    """Text of a document, the start offset of each page, heading hints and warnings."""

    text: str
    format: str
    pages: list[int] = field(default_factory=lambda: [0])
    headings: list[Heading] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    ocr: bool = False

    def page_at(self, offset: int) -> int | None:
        """Return the 1-based page holding `offset`, or None when the format has no pages."""
        if self.format not in ("pdf",) and len(self.pages) <= 1:
            return None
        return bisect_right(self.pages, offset)


# --------------------------------------------------------------------------------------------
# entry point


def extract(data: bytes, filename: str = "", *, max_bytes: int = DEFAULT_MAX_BYTES) -> Extracted:
    """Extract text from `data`; raise ExtractionError with a clear message when we cannot."""
    if len(data) == 0:
        raise ExtractionError("empty", "The file is empty (0 bytes). Upload the contract file itself.")
    if len(data) > max_bytes:
        raise ExtractionError(
            "too_large",
            f"The file is {_size(len(data))}, over the {_size(max_bytes)} limit. "
            "Upload the contract alone, or a text or PDF export of it.",
        )
    fmt = detect_format(data, filename)
    reader = {"pdf": _extract_pdf, "docx": _extract_docx, "md": _extract_markdown,
              "html": _extract_html, "txt": _extract_plain}[fmt]
    result = reader(data)
    if not result.text.strip():
        raise ExtractionError("empty", "The file holds no text we can read.")
    return result


def detect_format(data: bytes, filename: str = "") -> str:
    """Return one of FORMATS from the file's bytes and name; raise for formats we do not read."""
    suffix = Path(filename).suffix.lower()
    head = data[:1024]
    if head.lstrip().startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if _is_docx(data):
            return "docx"
        raise ExtractionError(
            "unsupported",
            "This is a ZIP-based file but not a Word document (DOCX). Export the contract as DOCX or PDF.",
        )
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ExtractionError(
            "unsupported",
            "This is an old Word (.doc) or other Office 97 file. Save it as DOCX or PDF and upload that.",
        )
    if head.startswith(b"{\\rtf"):
        raise ExtractionError("unsupported", "RTF files are not read yet. Save the contract as DOCX or PDF.")
    if suffix == ".pdf":
        raise ExtractionError("corrupt", "The file is named .pdf but is not a PDF (no %PDF header).")
    if suffix == ".docx":
        raise ExtractionError("corrupt", "The file is named .docx but is not a Word document.")
    if _looks_binary(head):
        raise ExtractionError(
            "unsupported",
            "This looks like a binary file, not a document we can read. Upload PDF, DOCX, Markdown, HTML "
            "or plain text.",
        )
    if suffix in (".md", ".markdown"):
        return "md"
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    sniff = head.lstrip().lower()
    if sniff.startswith((b"<!doctype html", b"<html")) or b"<body" in sniff:
        return "html"
    return "txt"


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "word/document.xml" in z.namelist()
    except zipfile.BadZipFile:
        return False


def _looks_binary(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 text carries NULs
    return b"\x00" in head


def decode_text(data: bytes) -> str:
    """Decode text bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def normalise_newlines(text: str) -> str:
    """Return `text` with CRLF/CR turned into LF and non-breaking spaces into spaces."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ").replace("\u200b", "")


# --------------------------------------------------------------------------------------------
# plain text and Markdown


def _extract_plain(data: bytes) -> Extracted:
    text = normalise_newlines(decode_text(data))
    pages = [0]
    # form feeds are the page breaks of text exports (pdftotext and friends)
    if "\f" in text:
        pages = [0] + [m.end() for m in re.finditer("\f", text)]
        text = text.replace("\f", "\n")
        return Extracted(text=text, format="txt", pages=pages)
    return Extracted(text=text, format="txt")


_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPH = re.compile(r"(\*\*|__)(?=[^_*\s])(.+?)(?<=[^_*\s])\1|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?!\w)|`([^`]*)`")
_MD_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_MD_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def _md_inline(line: str) -> str:
    line = _MD_LINK.sub(r"\1", line)
    return _MD_EMPH.sub(lambda m: m.group(2) or m.group(3) or m.group(4) or "", line)


def _extract_markdown(data: bytes) -> Extracted:
    """Strip Markdown markup; heading lines become heading hints with their # level."""
    source = normalise_newlines(decode_text(data))
    out: list[str] = []
    headings: list[Heading] = []
    pos = 0
    in_fence = False
    for raw in source.split("\n"):
        if raw.lstrip().startswith("```"):
            in_fence = not in_fence
            continue
        line = raw
        if not in_fence:
            if _MD_RULE.match(line) or _MD_TABLE_SEP.match(line) and "|" in line:
                line = ""
            else:
                m = _MD_HEADING.match(line)
                if m:
                    line = _md_inline(m.group(2))
                    headings.append(Heading(start=pos, level=len(m.group(1))))
                else:
                    line = re.sub(r"^(\s*)>\s?", r"\1", line)
                    line = re.sub(r"^(\s*)[-*+]\s+", r"\1• ", line)
                    if line.strip().startswith("|"):
                        line = " | ".join(c.strip() for c in line.strip().strip("|").split("|"))
                    line = _md_inline(line).rstrip()
                    line = re.sub(r"\s{2,}$", "", line)
        out.append(line)
        pos += len(line) + 1
    return Extracted(text="\n".join(out), format="md", headings=headings)


# --------------------------------------------------------------------------------------------
# HTML

_BLOCK_TAGS = {
    "p", "div", "section", "article", "header", "footer", "main", "aside", "br", "hr", "li", "ul", "ol",
    "table", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dl", "dt", "dd", "address",
    "nav", "figure", "figcaption", "body", "title",
}
_SKIP_TAGS = {"script", "style", "head", "template", "noscript", "svg"}


def _extract_html(data: bytes) -> Extracted:
    from html.parser import HTMLParser

    class Parser(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.lines: list[str] = []
            self.current: list[str] = []
            self.skip = 0
            self.lists: list[list] = []  # [kind, counter, type]
            self.heading_lines: dict[int, int] = {}
            self.in_heading: int | None = None
            self.cells: list[str] | None = None
            self.cell: list[str] | None = None

        def flush(self) -> None:
            line = re.sub(r"[ \t]+", " ", "".join(self.current)).strip()
            self.current = []
            if line:
                if self.in_heading is not None:
                    self.heading_lines[len(self.lines)] = self.in_heading
                self.lines.append(line)

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag in _SKIP_TAGS:
                self.skip += 1
                return
            if self.skip:
                return
            attr = dict(attrs)
            if tag == "tr":
                self.flush()
                self.cells = []
                return
            if tag in ("td", "th") and self.cells is not None:
                self.cell = []
                return
            if tag in _BLOCK_TAGS and self.cell is None:
                self.flush()
            if tag in ("ol", "ul"):
                start = int(attr.get("start") or 1) if (attr.get("start") or "").isdigit() else 1
                self.lists.append([tag, start - 1, attr.get("type") or ""])
            elif tag == "li" and self.lists:
                lst = self.lists[-1]
                lst[1] += 1
                if attr.get("value", "").isdigit():
                    lst[1] = int(attr["value"])
                self.current.append(_list_marker(lst, len(self.lists)) + " ")
            elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self.in_heading = int(tag[1])

        def handle_endtag(self, tag: str) -> None:
            if tag in _SKIP_TAGS:
                self.skip = max(0, self.skip - 1)
                return
            if self.skip:
                return
            if tag in ("td", "th") and self.cells is not None and self.cell is not None:
                self.cells.append(re.sub(r"\s+", " ", "".join(self.cell)).strip())
                self.cell = None
                return
            if tag == "tr" and self.cells is not None:
                row = " | ".join(c for c in self.cells if c)
                self.cells = None
                if row:
                    self.lines.append(row)
                return
            if tag in _BLOCK_TAGS and self.cell is None:
                self.flush()
            if tag in ("ol", "ul") and self.lists:
                self.lists.pop()
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self.in_heading = None

        def handle_data(self, data: str) -> None:
            if self.skip:
                return
            if self.cell is not None:
                self.cell.append(data)
            else:
                self.current.append(data.replace("\n", " "))

    parser = Parser()
    parser.feed(normalise_newlines(decode_text(data)))
    parser.close()
    parser.flush()
    return _join_lines(parser.lines, parser.heading_lines, "html")


def _join_lines(lines: list[str], heading_lines: dict[int, int], fmt: str) -> Extracted:
    """Join block lines with blank lines between them, recording heading offsets."""
    text_parts: list[str] = []
    headings: list[Heading] = []
    pos = 0
    for i, line in enumerate(lines):
        if i in heading_lines:
            headings.append(Heading(start=pos, level=heading_lines[i]))
        text_parts.append(line)
        pos += len(line) + 2
    return Extracted(text="\n\n".join(text_parts), format=fmt, headings=headings)


def _list_marker(lst: list, depth: int) -> str:
    kind, n, typ = lst
    if kind == "ul":
        return "•"
    if not typ:
        typ = {1: "1", 2: "a", 3: "i"}.get(depth, "1")
    label = format_counter(n, {"1": "decimal", "a": "lowerLetter", "A": "upperLetter",
                               "i": "lowerRoman", "I": "upperRoman"}.get(typ, "decimal"))
    return f"{label}." if typ in ("1", "I", "A") else f"({label})"


# --------------------------------------------------------------------------------------------
# numbering helpers shared by DOCX and HTML

_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
          (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def to_roman(n: int) -> str:
    """Return `n` as a lower-case Roman numeral."""
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def to_letters(n: int) -> str:
    """Return `n` as a, b, ..., z, aa, bb (Word's letter numbering)."""
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_counter(n: int, fmt: str) -> str:
    """Return counter `n` rendered in a Word numFmt (decimal, lowerLetter, upperRoman, ...)."""
    if fmt == "lowerLetter":
        return to_letters(n)
    if fmt == "upperLetter":
        return to_letters(n).upper()
    if fmt == "lowerRoman":
        return to_roman(n)
    if fmt == "upperRoman":
        return to_roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


# --------------------------------------------------------------------------------------------
# DOCX


def _extract_docx(data: bytes) -> Extracted:
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        doc = Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise ExtractionError("corrupt", f"This Word document could not be opened ({exc}).") from exc
    except Exception as exc:  # lxml parse errors and friends from a damaged file
        raise ExtractionError("corrupt", f"This Word document is damaged and could not be read ({exc}).") \
            from exc
    numbering = _DocxNumbering(doc)
    lines: list[str] = []
    heading_lines: dict[int, int] = {}
    page_break_lines: list[int] = []
    for block in doc.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            if _has_page_break(block) and lines:
                page_break_lines.append(len(lines))
            text, level = _docx_paragraph(block, doc, numbering)
            if text.strip():
                if level is not None:
                    heading_lines[len(lines)] = level
                lines.append(text.strip())
        elif tag == "tbl":
            lines.extend(_docx_table(block))
    result = _join_lines(lines, heading_lines, "docx")
    if page_break_lines:
        starts = [0]
        pos = 0
        for i, line in enumerate(lines):
            if i in page_break_lines:
                starts.append(pos)
            pos += len(line) + 2
        result.pages = starts
    return result


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _has_page_break(p) -> bool:
    return any(br.get(f"{_W}type") == "page" for br in p.iter(f"{_W}br"))


def _docx_paragraph(p, doc, numbering: _DocxNumbering) -> tuple[str, int | None]:
    """Return the paragraph's text with its automatic number, and its heading level if any."""
    texts = []
    for node in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br"):
        name = node.tag.rsplit("}", 1)[-1]
        if name == "t":
            texts.append(node.text or "")
        elif name == "tab":
            texts.append(" ")
        elif node.get(f"{_W}type") != "page":
            texts.append("\n")
    text = re.sub(r"[ \t]+", " ", "".join(texts))
    style_id = _p_style(p)
    style_name = numbering.style_name(style_id)
    level = None
    m = re.match(r"(?i)heading\s*(\d)", style_name or "")
    if m:
        level = int(m.group(1))
    elif (style_name or "").lower() == "title":
        level = 1
    label = numbering.label_for(p, style_id)
    if label and text.strip():
        text = f"{label} {text.strip()}"
    return text, level


def _p_style(p) -> str | None:
    ppr = p.find(f"{_W}pPr")
    if ppr is None:
        return None
    ps = ppr.find(f"{_W}pStyle")
    return ps.get(f"{_W}val") if ps is not None else None


def _docx_table(tbl) -> list[str]:
    rows = []
    for tr in tbl.iter(f"{_W}tr"):
        cells = []
        for tc in tr.iterchildren(f"{_W}tc"):
            parts = ["".join(t.text or "" for t in para.iter(f"{_W}t")) for para in tc.iter(f"{_W}p")]
            cell = " ".join(x.strip() for x in parts if x.strip())
            if cell:
                cells.append(cell)
        if cells:
            rows.append(" | ".join(cells))
    return rows


class _DocxNumbering:
    """Rebuild Word's automatic list numbers: python-docx does not render them."""

    def __init__(self, doc) -> None:
        self.abstract: dict[str, dict[int, dict]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.styles: dict[str, tuple[str, str | None, str | None, int | None]] = {}
        self._read_styles(doc)
        self._read_numbering(doc)

    def _read_styles(self, doc) -> None:
        try:
            root = doc.styles.element
        except Exception:  # a document without a styles part
            return
        for st in root.iter(f"{_W}style"):
            sid = st.get(f"{_W}styleId")
            name_el = st.find(f"{_W}name")
            based = st.find(f"{_W}basedOn")
            num_id, ilvl = None, None
            ppr = st.find(f"{_W}pPr")
            if ppr is not None:
                npr = ppr.find(f"{_W}numPr")
                if npr is not None:
                    nid = npr.find(f"{_W}numId")
                    lvl = npr.find(f"{_W}ilvl")
                    num_id = nid.get(f"{_W}val") if nid is not None else None
                    ilvl = int(lvl.get(f"{_W}val")) if lvl is not None else None
            self.styles[sid] = (
                name_el.get(f"{_W}val") if name_el is not None else sid,
                based.get(f"{_W}val") if based is not None else None,
                num_id,
                ilvl,
            )

    def _read_numbering(self, doc) -> None:
        try:
            part = doc.part.numbering_part
        except (NotImplementedError, KeyError, AttributeError):
            return
        root = part.element
        for an in root.iter(f"{_W}abstractNum"):
            levels = {}
            for lvl in an.iter(f"{_W}lvl"):
                ilvl = int(lvl.get(f"{_W}ilvl", "0"))
                levels[ilvl] = {
                    "start": int(_val(lvl, "start") or 1),
                    "fmt": _val(lvl, "numFmt") or "decimal",
                    "text": _val(lvl, "lvlText") or "",
                    "legal": lvl.find(f"{_W}isLgl") is not None,
                }
            self.abstract[an.get(f"{_W}abstractNumId")] = levels
        for num in root.iter(f"{_W}num"):
            abstract_id = _val(num, "abstractNumId")
            overrides = {}
            for ov in num.iter(f"{_W}lvlOverride"):
                so = _val(ov, "startOverride")
                if so is not None:
                    overrides[int(ov.get(f"{_W}ilvl", "0"))] = int(so)
            self.nums[num.get(f"{_W}numId")] = (abstract_id, overrides)

    def style_name(self, style_id: str | None) -> str | None:
        return self.styles.get(style_id, (None,))[0] if style_id else None

    def _style_numpr(self, style_id: str | None) -> tuple[str | None, int | None]:
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            _name, based, num_id, ilvl = self.styles.get(style_id, (None, None, None, None))
            if num_id is not None:
                return num_id, ilvl
            style_id = based
        return None, None

    def label_for(self, p, style_id: str | None) -> str:
        """Advance the counters for this paragraph and return its rendered number ('' if none)."""
        num_id, ilvl = self._style_numpr(style_id)
        ppr = p.find(f"{_W}pPr")
        npr = ppr.find(f"{_W}numPr") if ppr is not None else None
        if npr is not None:
            nid = npr.find(f"{_W}numId")
            lvl = npr.find(f"{_W}ilvl")
            if nid is not None:
                num_id = nid.get(f"{_W}val")
            if lvl is not None:
                ilvl = int(lvl.get(f"{_W}val"))
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        ilvl = ilvl or 0
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        start = overrides.get(ilvl, levels[ilvl]["start"])
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        spec = levels[ilvl]
        if spec["fmt"] == "bullet":
            return "•"

        def repl(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            lvl_spec = levels.get(k, {"fmt": "decimal", "start": 1})
            value = counters.get(k, overrides.get(k, lvl_spec["start"]))
            fmt = "decimal" if spec["legal"] else lvl_spec["fmt"]
            return format_counter(value, fmt)

        return re.sub(r"%(\d)", repl, spec["text"]).strip()


def _val(el, child: str) -> str | None:
    node = el.find(f"{_W}{child}")
    return node.get(f"{_W}val") if node is not None else None


# --------------------------------------------------------------------------------------------
# PDF

_PAGE_NUMBER_LINE = re.compile(r"^\s*(page\s+\d+(\s+of\s+\d+)?|-?\s*\d{1,4}\s*-?|\d+\s*/\s*\d+)\s*$", re.I)


def _extract_pdf(data: bytes) -> Extracted:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ExtractionError(
                "encrypted",
                "This PDF is password-protected. Remove the password (print to PDF or save an "
                "unprotected copy) and upload that.",
            ) from exc
        raise ExtractionError("corrupt", f"This PDF could not be opened ({exc}).") from exc
    try:
        page_texts = []
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            page_texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        chars = [len(re.sub(r"\s", "", t)) for t in page_texts]
        warnings = []
        if sum(chars) < MIN_TEXT_CHARS_PER_PAGE * max(1, len(page_texts)) / 2 and sum(chars) < 200:
            ocr_texts = _ocr_pdf(pdf)
            if ocr_texts is None:
                raise ExtractionError(
                    "scanned",
                    "This PDF has no text layer: it looks scanned. Run it through OCR (for example "
                    "`ocrmypdf in.pdf out.pdf`, or install `tesseract` and upload again) and upload the "
                    "result.",
                )
            page_texts = ocr_texts
            warnings.append("The PDF had no text layer; its text was read by OCR (tesseract): check quotes "
                            "against the original.")
        else:
            empty = [str(i + 1) for i, n in enumerate(chars) if n == 0]
            if empty:
                warnings.append(f"Pages {', '.join(empty)} have no text layer (scanned?): their text is missing.")
        result = _join_pdf_pages([_clean_pdf_page(t) for t in page_texts])
        result.warnings.extend(warnings)
        result.ocr = bool(warnings and "OCR" in warnings[0])
        return result
    finally:
        pdf.close()


def _clean_pdf_page(text: str) -> str:
    lines = normalise_newlines(text).split("\n")
    # drop running page numbers at the top or bottom of a page
    while lines and (not lines[-1].strip() or _PAGE_NUMBER_LINE.match(lines[-1])):
        lines.pop()
    while lines and (not lines[0].strip() or _PAGE_NUMBER_LINE.match(lines[0])):
        lines.pop(0)
    return "\n".join(line.rstrip() for line in lines)


def _join_pdf_pages(texts: list[str]) -> Extracted:
    starts = []
    pos = 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 2
    return Extracted(text="\n\n".join(texts), format="pdf", pages=starts)


def tesseract_available() -> bool:
    """Return True when a `tesseract` binary is on PATH."""
    return shutil.which("tesseract") is not None


def _ocr_pdf(pdf) -> list[str] | None:
    """OCR every page with tesseract; return None when tesseract is not installed or fails."""
    exe = shutil.which("tesseract")
    if exe is None:
        return None
    texts = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(len(pdf)):
            image = pdf[i].render(scale=300 / 72).to_pil()
            path = Path(tmp) / f"page{i}.png"
            image.save(path)
            try:
                done = subprocess.run([exe, str(path), "stdout"], capture_output=True, timeout=OCR_TIMEOUT_SECONDS,
                                      check=False)
            except (OSError, subprocess.TimeoutExpired):
                return None
            if done.returncode != 0:
                return None
            texts.append(done.stdout.decode("utf-8", errors="replace"))
    return texts
