"""QR codes as SVG data URLs (the CSP allows data: images; nothing is fetched from elsewhere)."""

from __future__ import annotations

import base64
import io

import qrcode
import qrcode.image.svg


def qr_data_url(text: str) -> str:
    img = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    buf = io.BytesIO()
    img.save(buf)
    return "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode()
