"""Stand-in artwork for the demo newsroom, drawn with Pillow.

The demo cannot ship real press stills, so each demo image is an abstract
picture in the show's colours; captions say what a real still would show.
"""

import io
import math
import random

from PIL import Image, ImageDraw, ImageFilter


def draw_art(seed: int, size=(1600, 900), palette=("#16161d", "#7a0f24", "#e0334f")):
    """A deterministic abstract picture: a dusk gradient, a red planet, a skyline."""
    rng = random.Random(seed)
    width, height = size
    image = Image.new("RGB", size, palette[0])
    draw = ImageDraw.Draw(image)
    top, bottom = _rgb(palette[0]), _rgb(palette[1])
    for y in range(height):
        t = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(
                round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)
            ),
        )
    cx, cy, r = rng.randint(width // 4, 3 * width // 4), height // 3, height // 4
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=palette[2])
    for _ in range(rng.randint(18, 30)):
        w = rng.randint(width // 40, width // 14)
        x = rng.randint(0, width)
        h = rng.randint(height // 6, height // 2)
        draw.rectangle([x, height - h, x + w, height], fill="#0b0b10")
        for wy in range(height - h + 12, height - 8, 22):
            for wx in range(x + 6, x + w - 6, 16):
                if rng.random() < 0.3:
                    draw.rectangle([wx, wy, wx + 5, wy + 8], fill="#f5c06a")
    for i in range(6):
        angle = i * math.pi / 3 + rng.random()
        draw.line(
            [(cx, cy), (cx + math.cos(angle) * width, cy + math.sin(angle) * height)],
            fill="#ffffff",
            width=1,
        )
    image = image.filter(ImageFilter.GaussianBlur(0.6))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88)
    out.seek(0)
    return out


def _rgb(colour: str):
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))
