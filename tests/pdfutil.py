"""PDF fixtures for tests: good ones from :mod:`botkyrka_nämnd.importing.pdfbuild`, and bad ones.

All generated in memory, nothing downloaded. The bad kinds mirror SECURITY.md §3 B1/B3: truncated
(half a download), password-protected, scanned (an image page without a text layer) and garbage.
"""

from __future__ import annotations

import io
import random

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from botkyrka_nämnd.importing.pdfbuild import build_pdf

SAMPLE_TEXT = """Kallelse till möte för socialnämnden 2024

Tid: 2024-09-24, Kl: 18:00

Plats: Kommunalhuset i Tumba, sal Hågelby plan 2

Ordförande: Kerstin Almqvist (S)

Sekreterare: Maria Hedlund

\tÄrenden\t
1.\tFörvaltningschefen informerar – muntlig information\tSN/2024:00005
2.\tAnsökan om statsbidrag för att stärka arbetet med att hjälpa våldsutsatta att ordna stadigvarande boende 2025\tSN/2024:00303

Majoritetsgruppen träffas kl. 17:30 i Kommunalhuset, Styrelserummet
"""


def sample_pdf(text: str = SAMPLE_TEXT, header: str = "Botkyrka kommun · Socialnämnden · 2024-09-24") -> bytes:
    return build_pdf(text, header=header)


def truncated_pdf(data: bytes | None = None) -> bytes:
    """The first half of a valid PDF (an interrupted download)."""
    data = data if data is not None else sample_pdf(SAMPLE_TEXT * 6)
    return data[: len(data) // 2]


def encrypted_pdf(text: str = "Hemlig kallelse till socialnämnden", password: str = "hemligt") -> bytes:
    """A PDF that needs a user password to open (reportlab's standard encryption)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, encrypt=password)
    c.setFont("Helvetica", 12)
    for i in range(3):
        c.drawString(72, 760 - 20 * i, f"{text} – rad {i + 1}")
    c.showPage()
    c.save()
    return buf.getvalue()


def scanned_pdf(pages: int = 2) -> bytes:
    """A PDF whose pages are only an image and drawn shapes: what a scanner produces, no text layer."""
    from reportlab.lib.utils import ImageReader

    try:
        from PIL import Image
    except ImportError:  # pragma: no cover - Pillow comes with reportlab
        Image = None
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    rng = random.Random(7)
    for _ in range(pages):
        if Image is not None:
            img = Image.new("L", (200, 280), 245)
            px = img.load()
            for y in range(20, 260, 6):  # grey "text lines" as pixels
                for x in range(20, rng.randint(120, 185)):
                    px[x, y] = 60
            c.drawImage(ImageReader(img), 40, 60, width=515, height=720)
        for y in range(100, 760, 18):  # and vector strokes, as some scanners emit
            c.line(70, y, 70 + rng.randint(200, 450), y)
        c.showPage()
    c.save()
    return buf.getvalue()


def garbage(n: int = 64 * 1024, seed: int = 1) -> bytes:
    """Random bytes (with NULs and control characters), no PDF header."""
    return random.Random(seed).randbytes(n)


def pdf_with_canary(canary: str, pages: int = 3, secret_page: int = 2) -> bytes:
    """A PDF whose ``secret_page`` carries ``canary`` both as extractable text and as a literal string in an
    *uncompressed* content stream (Helvetica, so a raw byte grep can see it), plus an annotation-free body
    on the other pages. Used to prove that :func:`redact_pages` removes a page's content completely."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, pageCompression=0)
    c.setTitle("Kallelse")
    for p in range(1, pages + 1):
        c.setFont("Helvetica", 12)
        c.drawString(72, 760, f"Offentlig sida {p} av {pages}: socialnamnden sammantrader i Tumba.")
        if p == secret_page:
            c.drawString(72, 700, f"Sekretess: {canary} rapport om ett fiktivt HVB-hem.")
            c.setFont("Courier", 10)
            c.drawString(72, 680, canary)
        c.showPage()
    c.save()
    return buf.getvalue()


def flate_bomb(mb: int = 1600, text: bytes = b"Bomb") -> bytes:
    """A small PDF whose one page has a FlateDecode content stream of ``mb`` MB (mostly spaces): a
    decompression bomb (SECURITY.md B2). 1600 MB compresses to about 1.6 MB."""
    import zlib

    # Compressing 1.6 GB takes ~9 s; instead one self-contained deflate block of 1 MB of spaces (after a full
    # flush the dictionary is reset) is repeated, then an empty final block and the Adler-32 of it all.
    head = b"BT /F1 12 Tf 72 700 Td (" + text + b") Tj ET\n"
    chunk = b" " * 2**20
    c = zlib.compressobj(9)
    start = c.compress(head) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    adler = zlib.adler32(head)
    for _ in range(mb):
        adler = zlib.adler32(chunk, adler)
    comp = start + block * mb + b"\x03\x00" + adler.to_bytes(4, "big")
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(comp) + comp + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)
