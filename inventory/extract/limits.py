"""Bounds on untrusted attachments: part of the design, not an afterthought."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    max_attachment_bytes: int = 50 * 1024 * 1024
    max_expanded_bytes: int = 200 * 1024 * 1024
    max_ratio: float = 100.0
    max_depth: int = 4
    max_members: int = 2000
    max_pages: int = 200
    max_pixels: int = 40_000_000
    max_text_chars: int = 2_000_000
    max_rows: int = 100_000
    ocr: bool = True
    ocr_max_images: int = 10
