"""Choose a reader for an attachment by content, then by name and type; recurse into archives.

Each text unit keeps its location path (``attachment:offre.zip/prix.xlsx``). Failures become
status rows (``encrypted, not scanned``, ``possible decompression bomb``, ``too deep``...) and
never stop the scan.
"""

from __future__ import annotations

import hashlib
import os
from collections import OrderedDict
from dataclasses import dataclass, field

from ..errors import ExtractionError
from . import archives, documents, images
from .limits import Limits


@dataclass
class ExtractedText:
    location: str
    filename: str
    text: str
    rows: tuple[tuple[str, ...], ...] = ()
    ocr: bool = False
    content_type: str = ""


@dataclass
class Extraction:
    """Everything learned from one attachment (and its members, for archives)."""

    texts: list[ExtractedText] = field(default_factory=list)
    # one status per file seen: (location, name, type, size, sha256, status, reason)
    files: list[dict] = field(default_factory=list)
    images: list[tuple[str, bytes]] = field(default_factory=list)


def sniff(data: bytes, name: str, ctype: str) -> str:
    """The format, by magic bytes first (names lie), then by extension and MIME type."""
    head = data[:8]
    ext = os.path.splitext(name.lower())[1]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        if ext in (".docx", ".docm", ".dotx"):
            return "docx"
        if ext in (".xlsx", ".xlsm"):
            return "xlsx"
        if ext in (".pptx", ".pptm"):
            return "pptx"
        if ext in (".odt", ".ods", ".odp"):
            return "odf"
        return archives.zip_kind(data)
    if head.startswith(b"7z\xbc\xaf\x27\x1c"):
        return "7z"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "msg" if ext == ".msg" else "ole"
    if head.startswith(b"\x78\x9f\x3e\x22"):
        return "tnef"
    if head[:3] == b"\xff\xd8\xff" or head.startswith(b"\x89PNG") or head[:4] in (b"II*\x00", b"MM\x00*") or head[
        :6
    ] in (b"GIF87a", b"GIF89a") or (head[:4] == b"RIFF" and data[8:12] == b"WEBP") or head[:2] == b"BM":
        return "image"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if ctype in ("message/rfc822",) or ext == ".eml":
        return "eml"
    if ext in (".csv", ".tsv") or ctype in ("text/csv",):
        return "csv"
    if ext in (".html", ".htm") or ctype == "text/html":
        return "html"
    if ext in (".txt", ".md", ".log", ".json", ".xml", ".ini", ".conf", ".cfg", ".env", ".yaml", ".yml", ".sql",
               ".py", ".sh", ".ps1", ".pem", ".key", ".ppk", ".properties", ".vcf", ".ics") or ctype.startswith("text/"):
        return "text"
    if ext == ".dat" and name.lower().startswith("winmail"):
        return "tnef"
    if _is_text(data):
        return "text"  # a "photo" or a nameless part whose bytes are plain text: read what a reader would see
    return "unknown"


def _is_text(data: bytes) -> bool:
    """The bytes are readable text (UTF-8, no NUL, almost only printable characters)."""
    sample = data[:4096]
    if not sample or b"\x00" in sample:
        return False
    try:
        text = sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(sample) - 4:  # only a character cut at the end of the sample is allowed
            return False
        text = sample[:exc.start].decode("utf-8")
    printable = sum(1 for c in text if c.isprintable() or c in "\r\n\t")
    return printable >= 0.97 * max(1, len(text))


def extract_attachment(data: bytes, name: str, ctype: str, limits: Limits, prefix: str = "attachment:",
                       depth: int = 0) -> Extraction:
    out = Extraction()
    _extract(data, name, ctype, limits, prefix + name, depth, out)
    return out


def _extract(data: bytes, name: str, ctype: str, limits: Limits, location: str, depth: int, out: Extraction) -> None:
    kind = sniff(data, name, ctype)
    row = {
        "location": location, "name": name, "type": kind, "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(), "status": "read", "reason": "",
    }
    out.files.append(row)
    if len(data) > limits.max_attachment_bytes:
        row.update(status="skipped", reason=f"larger than {limits.max_attachment_bytes} bytes")
        return
    try:
        if kind in ("zip", "7z"):
            if depth >= limits.max_depth:
                raise ExtractionError("too deep", f"archive nesting over {limits.max_depth}")
            members = archives.iter_zip(data, limits) if kind == "zip" else archives.iter_7z(data, limits)
            for member_name, member_data in members:
                _extract(member_data, os.path.basename(member_name) or member_name, "", limits,
                         f"{location}/{member_name}", depth + 1, out)
            return
        if kind in ("eml", "msg", "tnef"):
            texts, attachments = documents.read_message_like(data, kind)
            for t in texts:
                out.texts.append(ExtractedText(location, name, t, content_type=kind))
            if depth >= limits.max_depth and attachments:
                raise ExtractionError("too deep", f"nested messages over {limits.max_depth}")
            for a_name, a_data, a_type in attachments:
                _extract(a_data, a_name, a_type, limits, f"{location}/{a_name}", depth + 1, out)
            return
        if kind == "image":
            out.images.append((location, data))
            row.update(status="image", reason="queued for OCR" if limits.ocr else "OCR off")
            return
        result = _read_once(kind, data, name, limits, row["sha256"])
        if result is None:
            row.update(status="skipped", reason=f"format not read ({kind}, {ctype or 'no type'})")
            return
        text, rows, embedded_images = result
        if text.strip():
            out.texts.append(ExtractedText(location, name, text[: limits.max_text_chars], rows=rows, content_type=kind))
        for i, img in enumerate(embedded_images[: limits.ocr_max_images]):
            out.images.append((f"{location}#image{i + 1}", img))
        if not text.strip() and not embedded_images:
            row.update(status="read", reason="no text")
    except ExtractionError as exc:
        row.update(status="encrypted" if exc.reason.startswith("encrypted") else "error", reason=str(exc))
    except MemoryError:
        row.update(status="error", reason="out of memory while reading")
    except Exception as exc:  # noqa: BLE001 - any parser failure on hostile input is one error row
        row.update(status="error", reason=f"unreadable {kind}: {type(exc).__name__}: {str(exc)[:200]}")


class _Recent:
    """A small least-recently-used memory of results by content hash: the same attachment sent
    to many people, or forwarded again and again, is read and OCR'd once per process. A
    refusal (an :class:`ExtractionError`) is remembered too and raised again."""

    def __init__(self, size: int) -> None:
        self.size, self.items = size, OrderedDict()

    def remember(self, key, compute):
        if key in self.items:
            self.items.move_to_end(key)
        else:
            try:
                self.items[key] = ("ok", compute())
            except ExtractionError as exc:
                self.items[key] = ("error", exc)
            if len(self.items) > self.size:
                self.items.popitem(last=False)
        status, value = self.items[key]
        if status == "error":
            raise value
        return value


_OCR_DONE = _Recent(512)
_READ_DONE = _Recent(64)  # texts up to max_text_chars each: keep the memory bounded


def _ocr_once(data: bytes, limits: Limits) -> str:
    return _OCR_DONE.remember((hashlib.sha256(data).digest(), limits.ocr), lambda: images.ocr_image(data, limits))


def _read_once(kind: str, data: bytes, name: str, limits: Limits, sha256: str):
    """documents.read_document, once per content: a PDF or spreadsheet forwarded again is not parsed again."""
    return _READ_DONE.remember((sha256, kind, limits.max_text_chars, limits.ocr_max_images),
                               lambda: documents.read_document(kind, data, name, limits))


def run_ocr(images_in: list[tuple[str, bytes]], limits: Limits) -> tuple[list[ExtractedText], list[dict]]:
    """OCR the candidate images; returns texts and per-image status updates."""
    texts, notes = [], []
    for location, data in images_in[: limits.ocr_max_images * 3]:
        try:
            text = _ocr_once(data, limits)
        except ExtractionError as exc:
            notes.append({"location": location, "status": "skipped", "reason": str(exc)})
            continue
        if text:
            texts.append(ExtractedText(location, location.rsplit("/", 1)[-1].split(":", 1)[-1], text, ocr=True,
                                       content_type="image"))
            notes.append({"location": location, "status": "read", "reason": "OCR"})
        else:
            notes.append({"location": location, "status": "read", "reason": "OCR: no text"})
    return texts, notes
