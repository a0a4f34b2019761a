"""ZIP and 7z members, read under a byte budget.

The interpreter's own zip guard (CVE-2024-0450, overlapping entries) is missing from some
3.11 builds, so this module checks overlaps, declared sizes, compression ratio, member count
and total expanded bytes itself, and reads each member as a stream that stops at its budget.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from ..errors import ExtractionError
from .limits import Limits

_CHUNK = 1 << 16


def zip_kind(data: bytes) -> str:
    """Office Open XML and OpenDocument files are zips too: tell them apart by their members."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist()[:50])
    except (zipfile.BadZipFile, ValueError, OSError):
        return "zip"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "ppt/presentation.xml" in names:
        return "pptx"
    if "content.xml" in names and "mimetype" in names:
        return "odf"
    return "zip"


def _check_layout(infos: list[zipfile.ZipInfo], total_size: int, limits: Limits) -> None:
    if len(infos) > limits.max_members:
        raise ExtractionError("possible decompression bomb", f"{len(infos)} members")
    declared = sum(i.file_size for i in infos)
    if declared > limits.max_expanded_bytes:
        raise ExtractionError("possible decompression bomb", f"declares {declared} expanded bytes")
    spans = sorted((i.header_offset, i.header_offset + 30 + len(i.filename.encode()) + i.compress_size)
                   for i in infos)
    for (_a0, a1), (b0, _b1) in zip(spans, spans[1:], strict=False):
        if b0 < a1:
            raise ExtractionError("possible decompression bomb", "overlapping zip entries")
    for i in infos:
        if i.compress_size and i.file_size / max(i.compress_size, 1) > limits.max_ratio * 10:
            raise ExtractionError("possible decompression bomb",
                                  f"member {i.filename!r} ratio {i.file_size // max(i.compress_size, 1)}:1")


def iter_zip(data: bytes, limits: Limits) -> Iterator[tuple[str, bytes]]:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = [i for i in zf.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise ExtractionError("corrupt archive", str(exc)) from exc
    _check_layout(infos, len(data), limits)
    encrypted = [i.filename for i in infos if i.flag_bits & 0x1]
    if encrypted:
        raise ExtractionError("encrypted, not scanned",
                              f"password-protected zip; members: {', '.join(encrypted[:20])}")
    budget = min(limits.max_expanded_bytes, max(len(data), 1) * limits.max_ratio + 10 * 1024 * 1024)
    used = 0
    for info in infos:
        out = io.BytesIO()
        try:
            with zf.open(info) as fh:
                while True:
                    chunk = fh.read(_CHUNK)
                    if not chunk:
                        break
                    used += len(chunk)
                    if out.tell() + len(chunk) > info.file_size + _CHUNK or used > budget:
                        raise ExtractionError("possible decompression bomb",
                                              f"member {info.filename!r} expands past its budget")
                    out.write(chunk)
        except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError, RuntimeError) as exc:
            raise ExtractionError("corrupt archive", f"{info.filename}: {exc}") from exc
        yield info.filename, out.getvalue()


def iter_7z(data: bytes, limits: Limits) -> Iterator[tuple[str, bytes]]:
    try:
        import py7zr
        from py7zr.exceptions import Bad7zFile, PasswordRequired
    except ImportError as exc:  # pragma: no cover - dependency declared
        raise ExtractionError("format not supported", "py7zr missing") from exc
    try:
        with py7zr.SevenZipFile(io.BytesIO(data)) as archive:
            if archive.needs_password():
                raise ExtractionError("encrypted, not scanned", "password-protected 7z")
            infos = archive.list()
            if len(infos) > limits.max_members:
                raise ExtractionError("possible decompression bomb", f"{len(infos)} members")
            declared = sum(getattr(i, "uncompressed", 0) or 0 for i in infos)
            if declared > limits.max_expanded_bytes:
                raise ExtractionError("possible decompression bomb", f"declares {declared} expanded bytes")
            # py7zr >= 1.0: members are written into capped in-memory buffers (no temp files)
            from py7zr.io import BytesIOFactory

            factory = BytesIOFactory(limits.max_expanded_bytes)
            archive.extractall(factory=factory)
            files = factory.products
    except (Bad7zFile, PasswordRequired, EOFError, OSError, ValueError, KeyError) as exc:
        raise ExtractionError("corrupt archive", f"7z: {exc}") from exc
    for name, bio in files.items():
        bio.seek(0)
        yield name, bio.read()
