"""Pictures made on the fly for upload and rendition tests."""

import io
import struct
import zlib

from PIL import Image as PILImage


def picture_bytes(fmt="JPEG", size=(800, 450), colour=(200, 30, 60), **save):
    buffer = io.BytesIO()
    mode = "RGBA" if fmt == "PNG" and save.pop("alpha", False) else "RGB"
    PILImage.new(mode, size, colour).save(buffer, fmt, **save)
    return buffer.getvalue()


def gps_jpeg():
    exif = PILImage.Exif()
    exif[0x010F] = "Test camera"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (35.0, 39.0, 29.0)
    gps[3] = "E"
    gps[4] = (139.0, 44.0, 28.0)
    exif[0x0112] = 1
    buffer = io.BytesIO()
    PILImage.new("RGB", (640, 360), (10, 20, 30)).save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def decompression_bomb_png(width=60000, height=60000):
    """A tiny PNG whose header claims billions of pixels."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 100)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", idat)
        + chunk(b"IEND", b"")
    )


XMP_WITH_GPS = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" '
    b'exif:GPSLatitude="35,39.48N" exif:GPSLongitude="139,44.47E"/>'
    b"</rdf:RDF></x:xmpmeta>"
)


def xmp_jpeg():
    """A JPEG whose XMP packet says where it was taken."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (640, 360), (10, 20, 30)).save(buffer, "JPEG", xmp=XMP_WITH_GPS)
    return buffer.getvalue()


def commented_jpeg(comment=b"Shot at 12 Example Street by a source"):
    """A JPEG with a comment (COM) segment."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (640, 360), (10, 20, 30)).save(buffer, "JPEG", comment=comment)
    return buffer.getvalue()


def texted_png():
    """A PNG with text chunks: a comment and an XMP packet with a position."""
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", "Shot at 12 Example Street")
    info.add_itxt("XML:com.adobe.xmp", XMP_WITH_GPS.decode())
    buffer = io.BytesIO()
    PILImage.new("RGB", (640, 360), (10, 20, 30)).save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def animated_gif(frames=3, size=(64, 48), durations=(100, 200, 300)):
    """An animated GIF of differently coloured frames, looping forever."""
    pictures = [
        PILImage.new("RGB", size, (80 * n % 256, 40, 200 - 50 * n))
        for n in range(frames)
    ]
    buffer = io.BytesIO()
    pictures[0].save(
        buffer,
        "GIF",
        save_all=True,
        append_images=pictures[1:],
        duration=list(durations[:frames]),
        loop=0,
    )
    return buffer.getvalue()


def gif_with_extras(data=None, appended=b"<script>alert(1)</script><p>hi</p>"):
    """A GIF carrying a comment, an XMP position and HTML after its end."""
    data = data or animated_gif()
    assert data.endswith(b";")

    def sub_blocks(payload):
        out = b""
        for start in range(0, len(payload), 255):
            part = payload[start : start + 255]
            out += bytes([len(part)]) + part
        return out + b"\x00"

    comment = b"\x21\xfe" + sub_blocks(b"Shot at 12 Example Street")
    xmp = b"\x21\xff\x0bXMP DataXMP" + sub_blocks(XMP_WITH_GPS)
    return data[:-1] + comment + xmp + b";" + appended


def undecodable_png():
    """A PNG whose structure and checksums are right but whose pixels are
    missing: it passes the upload checks and fails only when decoded."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 64, 64, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 10))
        + chunk(b"IEND", b"")
    )
