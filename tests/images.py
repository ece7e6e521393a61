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
