"""A survey's web address as a QR code (segno): SVG for receipts, PNG on request."""

from __future__ import annotations

import io

import segno

SVG_SCALE = 4  # units per module: printers scale an SVG anyway, this only sets its size
PNG_SCALE = 8  # pixels per module: about 300 px for a survey address, sharp on a receipt


def _code(url: str) -> segno.QRCode:
    # Level M survives a crease or a smudge on a thermal receipt and keeps the code small.
    return segno.make_qr(url, error="m", boost_error=False)


def svg(url: str) -> bytes:
    out = io.BytesIO()
    _code(url).save(out, kind="svg", scale=SVG_SCALE, border=4, xmldecl=True, svgns=True)
    return out.getvalue()


def png(url: str) -> bytes:
    out = io.BytesIO()
    _code(url).save(out, kind="png", scale=PNG_SCALE, border=4)
    return out.getvalue()
