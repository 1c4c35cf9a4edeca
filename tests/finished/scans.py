"""Scanned reports for the OCR tests: a text PDF's pages printed, signed and scanned back, as an
office's scanner leaves them (grey, slightly rotated, JPEG-compressed, a little noise), saved as an
image-only PDF (no text layer) with Pillow."""

from __future__ import annotations

import io
import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter


def stamp(image: Image.Image, centre: tuple[float, float], diameter: float) -> None:
    """The seal pressed over the 署名 and date (red ink, grey once scanned): a ring, a star and
    the ring of characters' blots, drawn into IMAGE (pixels)."""
    draw = ImageDraw.Draw(image)
    x, y, r = centre[0], centre[1], diameter / 2
    shade = 120  # red ink is a mid grey in a grey scan
    draw.ellipse((x - r, y - r, x + r, y + r), outline=shade, width=max(3, int(diameter / 40)))
    star = [
        (
            x + (0.22 if i % 2 == 0 else 0.09) * diameter * math.sin(i * math.pi / 5),
            y - (0.22 if i % 2 == 0 else 0.09) * diameter * math.cos(i * math.pi / 5),
        )
        for i in range(10)
    ]
    draw.polygon(star, fill=shade)
    for i in range(16):  # the characters around the ring, as blots
        a = math.pi * (0.8 + 1.4 * i / 15)
        cx, cy = x + 0.72 * r * math.cos(a), y + 0.72 * r * math.sin(a)
        draw.rectangle((cx - r / 12, cy - r / 12, cx + r / 12, cy + r / 12), outline=shade, width=2)


def scanned_image(
    page_image: Image.Image, angle: float = 1.5, quality: int = 55, seed: int = 0, ink: int = 30, blur: float = 0.6
) -> Image.Image:
    """One page as a scanner gives it back: grey paper, the sheet turned by ANGLE degrees
    (counter-clockwise), speckles of dust, a slight blur, then JPEG at QUALITY."""
    rnd = random.Random(seed)
    grey = page_image.convert("L")
    # Paper is never white (about 225), nor ink black (INK: 30, or lighter with little toner).
    grey = grey.point(lambda v: ink + v * (225 - ink) // 255)
    grey = grey.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=225)
    draw = ImageDraw.Draw(grey)
    width, height = grey.size
    for _ in range(width * height // 2500):  # dust
        x, y = rnd.randrange(width), rnd.randrange(height)
        shade = rnd.randrange(90, 200)
        draw.point((x, y), fill=shade)
    grey = _add_noise(grey, seed)
    grey = grey.filter(ImageFilter.GaussianBlur(blur))
    buffer = io.BytesIO()
    grey.save(buffer, "JPEG", quality=quality)
    buffer.seek(0)
    return Image.open(buffer).convert("L")


def _add_noise(grey: Image.Image, seed: int) -> Image.Image:
    """Sensor noise: every pixel moved by a few grey levels (the same noise for the same SEED)."""
    import numpy as np

    pixels = np.asarray(grey, dtype=np.float32)
    pixels += np.random.default_rng(seed).normal(0, 4, pixels.shape)
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def scan_pdf(
    pdf: Path,
    out: Path,
    pages: list[int] | None = None,
    angle: float = 1.5,
    dpi: int = 200,
    quality: int = 55,
    seal: tuple[int, float, float] | None = None,
    ink: int = 30,
    blur: float = 0.6,
) -> Path:
    """PDF's PAGES (1-based; default all) printed and scanned at DPI into OUT, an image-only PDF
    whose pages keep the original size in points. SEAL (page, x, y in points) stamps the seal
    (42 mm across) there before the page is scanned; INK and BLUR as scanned_image's."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        numbers = pages or list(range(1, len(document) + 1))
        images = []
        for number in numbers:
            rendered = document[number - 1].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            if seal and seal[0] == number:
                stamp(rendered, (seal[1] * dpi / 72, seal[2] * dpi / 72), 42 / 25.4 * dpi)
            images.append(scanned_image(rendered, angle=angle, quality=quality, seed=number, ink=ink, blur=blur))
    finally:
        document.close()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=float(dpi))
    return out


def searchable_pdf(pdf: Path, out: Path, angle: float = 0.0, hide: str = "invisible", dpi: int = 200) -> Path:
    """PDF's pages scanned (as scan_pdf, turned by ANGLE degrees counter-clockwise) with their text
    kept as a scanner's OCR keeps it in a 可搜索 PDF: laid along the picture's slope and HIDE:
    "invisible" (render mode 3, as most scanning software writes it), "under" (drawn, then covered
    by the picture) or "over" (a full-page picture drawn first and the text visible on it: a
    letterhead background, not a scan, its page drawn whole). The table rules are in the picture only."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    if hide == "over":
        return _over_picture(pdf, out, dpi)
    document = pdfium.PdfDocument(str(pdf))
    try:
        for number in range(1, len(document) + 1):
            page = document[number - 1]
            picture = scanned_image(page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L"), angle=angle, seed=number)
            width, height = page.get_size()
            turn = pdfium.PdfMatrix().translate(-width / 2, -height / 2).rotate(angle, ccw=True).translate(width / 2, height / 2)
            texts = []
            for obj in list(page.get_objects(max_depth=1)):
                page.remove_obj(obj)  # the rules are drawn in the picture only
                if obj.type == raw.FPDF_PAGEOBJ_TEXT:
                    obj.transform(turn)
                    if hide == "invisible":
                        raw.FPDFTextObj_SetTextRenderMode(obj.raw, raw.FPDF_TEXTRENDERMODE_INVISIBLE)
                    texts.append(obj)
            image = pdfium.PdfImage.new(document)
            image.set_bitmap(pdfium.PdfBitmap.from_pil(picture.convert("RGB")))
            image.set_matrix(pdfium.PdfMatrix().scale(width, height))
            for obj in [*texts, image]:
                page.insert_obj(obj)
            page.gen_content()
        document.save(str(out))
    finally:
        document.close()
    return out


def _over_picture(pdf: Path, out: Path, dpi: int) -> Path:
    """PDF's pages, each drawn whole (its text and rules) over a picture of a page covering it."""
    import pypdfium2 as pdfium

    source, document = pdfium.PdfDocument(str(pdf)), pdfium.PdfDocument.new()
    try:
        for index in range(len(source)):
            width, height = source[index].get_size()
            picture = scanned_image(source[index].render(scale=dpi / 72, grayscale=True).to_pil().convert("L"), seed=index)
            page = document.new_page(width, height)
            image = pdfium.PdfImage.new(document)
            image.set_bitmap(pdfium.PdfBitmap.from_pil(picture.convert("RGB")))
            image.set_matrix(pdfium.PdfMatrix().scale(width, height))
            page.insert_obj(image)
            page.insert_obj(source.page_as_xobject(index, document).as_pageobject())
            page.gen_content()
        document.save(str(out))
    finally:
        document.close()
        source.close()
    return out
