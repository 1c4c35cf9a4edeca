"""Scanned reports for the OCR tests: a text PDF's pages printed, signed and scanned back, as an
office's scanner leaves them (grey, slightly rotated, JPEG-compressed, a little noise), saved as an
image-only PDF (no text layer) with Pillow."""

from __future__ import annotations

import io
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter


def scanned_image(page_image: Image.Image, angle: float = 1.5, quality: int = 55, seed: int = 0) -> Image.Image:
    """One page as a scanner gives it back: grey paper, the sheet turned by ANGLE degrees
    (counter-clockwise), speckles of dust, a slight blur, then JPEG at QUALITY."""
    rnd = random.Random(seed)
    grey = page_image.convert("L")
    # Paper is never white: ink at about 30, paper at about 225.
    grey = grey.point(lambda v: 30 + v * 195 // 255)
    grey = grey.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=225)
    draw = ImageDraw.Draw(grey)
    width, height = grey.size
    for _ in range(width * height // 2500):  # dust
        x, y = rnd.randrange(width), rnd.randrange(height)
        shade = rnd.randrange(90, 200)
        draw.point((x, y), fill=shade)
    grey = _add_noise(grey)
    grey = grey.filter(ImageFilter.GaussianBlur(0.6))
    buffer = io.BytesIO()
    grey.save(buffer, "JPEG", quality=quality)
    buffer.seek(0)
    return Image.open(buffer).convert("L")


def _add_noise(grey: Image.Image) -> Image.Image:
    """Sensor noise: every pixel moved by a few grey levels."""
    noise = Image.effect_noise(grey.size, 40)  # Gaussian around 128
    return Image.blend(grey, noise, 0.08)


def scan_pdf(pdf: Path, out: Path, pages: list[int] | None = None, angle: float = 1.5, dpi: int = 200, quality: int = 55) -> Path:
    """PDF's PAGES (1-based; default all) printed and scanned at DPI into OUT, an image-only PDF
    whose pages keep the original size in points."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        numbers = pages or list(range(1, len(document) + 1))
        images = []
        for number in numbers:
            rendered = document[number - 1].render(scale=dpi / 72, grayscale=True).to_pil()
            images.append(scanned_image(rendered, angle=angle, quality=quality, seed=number))
    finally:
        document.close()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=float(dpi))
    return out
