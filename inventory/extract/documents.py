"""Readers for documents: PDF, Office Open XML, OpenDocument, CSV, HTML, RTF, text, messages.

Each returns (text, rows, embedded images). ``rows`` is set for tables so that detectors can
count people in a list rather than one match per cell.
"""

from __future__ import annotations

import csv
import io
import logging
import re
import zipfile
from xml.etree import ElementTree

from ..errors import ExtractionError
from ..htmltext import html_to_text
from .limits import Limits

# pypdf logs every malformed PDF it repairs ("EOF marker not found"); the errors sheet says it better
logging.getLogger("pypdf").setLevel(logging.ERROR)

Rows = tuple[tuple[str, ...], ...]


def _decode(data: bytes) -> str:
    for cs in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(cs)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1", errors="replace")


def read_document(kind: str, data: bytes, name: str, limits: Limits) -> tuple[str, Rows, list[bytes]] | None:
    reader = _READERS.get(kind)
    if reader is None:
        return None
    return reader(data, limits)


def _pdf(data: bytes, limits: Limits):
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise ExtractionError("encrypted, not scanned", "password-protected PDF")
            except (NotImplementedError, PdfReadError) as exc:
                raise ExtractionError("encrypted, not scanned", "password-protected PDF") from exc
        texts, images = [], []
        for i, page in enumerate(reader.pages):
            if i >= limits.max_pages:
                texts.append(f"[... pages after {limits.max_pages} not read]")
                break
            page_text = page.extract_text() or ""
            if not page_text.strip():
                # pypdf's text extraction swallows its own decompression limit and returns
                # nothing: decoding the content once more tells an empty page from a bomb
                page.get_contents()
            texts.append(page_text)
            if len(page_text.strip()) < 40 and len(images) < limits.ocr_max_images:
                try:
                    for img in page.images:
                        if len(images) >= limits.ocr_max_images:
                            break
                        images.append(img.data)
                except (PdfReadError, ValueError, KeyError, NotImplementedError, OSError) as exc:
                    texts.append(f"[image not read: {type(exc).__name__}]")
        return "\n".join(texts), (), images
    except LimitReachedError as exc:
        raise ExtractionError("possible decompression bomb", f"PDF stream: {str(exc)[:150]}") from exc
    except PdfReadError as exc:
        raise ExtractionError("corrupt PDF", str(exc)[:200]) from exc


def _docx(data: bytes, limits: Limits):
    import docx

    doc = docx.Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    rows: list[tuple[str, ...]] = []
    for table in doc.tables:
        for r in table.rows:
            cells = tuple(c.text.strip() for c in r.cells)
            rows.append(cells)
            parts.append("\t".join(cells))
    for section in doc.sections:
        for hf in (section.header, section.footer):
            parts.extend(p.text for p in hf.paragraphs)
    return "\n".join(parts), tuple(rows), []


def _xlsx(data: bytes, limits: Limits):
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError) as exc:
        raise ExtractionError("corrupt spreadsheet", str(exc)[:200]) from exc
    parts, rows = [], []
    for ws in wb.worksheets:
        parts.append(f"[{ws.title}]")
        for r in ws.iter_rows(values_only=True):
            if len(rows) >= limits.max_rows:
                break
            cells = tuple("" if v is None else str(v) for v in r)
            while cells and not cells[-1]:
                cells = cells[:-1]
            if not cells:
                continue
            rows.append(cells)
            parts.append("\t".join(cells))
    wb.close()
    return "\n".join(parts), tuple(rows), []


def _pptx(data: bytes, limits: Limits):
    import pptx

    pres = pptx.Presentation(io.BytesIO(data))
    parts = []
    for slide in pres.slides:
        for shape in slide.shapes:
            if getattr(shape, "has_text_frame", False):
                parts.append(shape.text_frame.text)
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(parts), (), []


def _odf(data: bytes, limits: Limits):
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = zf.getinfo("content.xml")
        if info.file_size > limits.max_expanded_bytes:
            raise ExtractionError("possible decompression bomb", "content.xml too large")
        xml = zf.read("content.xml")
    root = ElementTree.fromstring(xml)  # noqa: S314 - stdlib parser does not resolve external entities
    ns_text = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
    ns_table = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
    parts, rows = [], []
    # a table row is one line of tab-separated cells; the paragraphs inside its cells are not read again
    stack = [root]
    while stack:
        el = stack.pop()
        if el.tag == ns_table + "table-row":
            if len(rows) >= limits.max_rows:
                continue
            cells = tuple("".join(c.itertext()).strip() for c in el if c.tag == ns_table + "table-cell")
            while cells and not cells[-1]:
                cells = cells[:-1]
            if cells:
                rows.append(cells)
                parts.append("\t".join(cells))
        elif el.tag in (ns_text + "p", ns_text + "h"):
            parts.append("".join(el.itertext()))
        else:
            stack.extend(reversed(list(el)))
    return "\n".join(parts), tuple(rows), []


def _delimiter(text: str) -> str | None:
    """The separator every line of the table uses as often as its header does. A French CSV separates with
    ';' and writes '0,8' for decimals, where the standard sniffer takes the comma."""
    lines = [ln for ln in text[:5000].splitlines() if ln.strip() and not ln.lstrip().startswith("#")][:20]
    if len(lines) < 2:
        return None
    best, best_share = None, 0.0
    for d in (";", "\t", "|", ","):
        n = lines[0].count(d)
        if n == 0:
            continue
        share = sum(ln.count(d) == n for ln in lines) / len(lines)
        if share > best_share:
            best, best_share = d, share
    return best if best_share >= 0.6 else None


def _csv(data: bytes, limits: Limits):
    text = _decode(data[: limits.max_text_chars * 2])
    delimiter = _delimiter(text)
    if delimiter:
        dialect = csv.excel
        reader = csv.reader(io.StringIO(text), dialect, delimiter=delimiter)
    else:
        try:
            dialect = csv.Sniffer().sniff(text[:5000], delimiters=",;\t|")
        except csv.Error:
            dialect = csv.excel
        reader = csv.reader(io.StringIO(text), dialect)
    rows = []
    for r in reader:
        if len(rows) >= limits.max_rows:
            break
        if any(c.strip() for c in r):
            rows.append(tuple(c.strip() for c in r))
    return "\n".join("\t".join(r) for r in rows), tuple(rows), []


def _html(data: bytes, limits: Limits):
    return html_to_text(_decode(data[: limits.max_text_chars * 2])), (), []


def _text(data: bytes, limits: Limits):
    return _decode(data[: limits.max_text_chars * 2]), (), []


def _rtf(data: bytes, limits: Limits):
    from striprtf.striprtf import rtf_to_text

    return rtf_to_text(_decode(data[: limits.max_text_chars]), errors="ignore"), (), []


def _ole(data: bytes, limits: Limits):
    import msoffcrypto

    try:
        if msoffcrypto.OfficeFile(io.BytesIO(data)).is_encrypted():
            raise ExtractionError("encrypted, not scanned", "password-protected Office document")
    except ExtractionError:
        raise
    except Exception as exc:  # noqa: BLE001 - msoffcrypto raises bare exceptions on unknown OLE files
        raise ExtractionError("format not read", f"legacy OLE document ({type(exc).__name__})") from exc
    strings = re.findall(rb"[\x20-\x7e\xa0-\xff]{6,}", data[: limits.max_text_chars])
    return "\n".join(s.decode("cp1252", "replace") for s in strings), (), []


_READERS = {
    "pdf": _pdf, "docx": _docx, "xlsx": _xlsx, "pptx": _pptx, "odf": _odf, "csv": _csv, "html": _html,
    "text": _text, "rtf": _rtf, "ole": _ole,
}


def read_message_like(data: bytes, kind: str) -> tuple[list[str], list[tuple[str, bytes, str]]]:
    """Texts and attachments of an attached e-mail (.eml), Outlook .msg or TNEF winmail.dat."""
    if kind == "eml":
        from ..parse import parse_message

        pm = parse_message(data)
        head = f"Subject: {pm.subject}\n" if pm.subject else ""
        return [head + pm.body], [(a.name, a.data, a.content_type) for a in pm.attachments]
    if kind == "msg":
        import extract_msg

        msg = extract_msg.openMsg(io.BytesIO(data))
        try:
            body = msg.body or ""
            atts = []
            for a in msg.attachments:
                adata = getattr(a, "data", None)
                if isinstance(adata, bytes):
                    atts.append((a.longFilename or a.shortFilename or "attachment", adata, ""))
            return [f"Subject: {msg.subject or ''}\n{body}"], atts
        finally:
            msg.close()
    if kind == "tnef":
        from tnefparse import TNEF

        t = TNEF(data)
        body = t.body.decode("cp1252", "replace") if isinstance(t.body, bytes) else (t.body or "")
        return [body], [(a.long_filename() or a.name or "attachment", a.data, "") for a in t.attachments]
    return [], []
