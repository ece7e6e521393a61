"""Time image uploads through the admin, and the background task after them.

An upload must answer quickly whatever the picture: the request only reads
headers and stores the file privately; the background task cleans it and makes
the renditions. This script measures both halves on a throwaway SQLite
database and media folder, through Django's test client as a logged-in editor:

- the upload request (median and worst of ``--repeat`` uploads), for a
  39-megapixel PNG (6000×6500, the size that used to kill workers), a
  40-megapixel JPEG (6000×6666) and a 6000×6000 animated GIF of several frames,
  which is refused;
- the task that processes each accepted upload, run by the real
  ``db_worker`` command in this process.

Run it with::

    .venv/bin/python scripts/upload_bench.py
    .venv/bin/python scripts/upload_bench.py --repeat 5

It asserts nothing about speed (numbers are for comparing runs on one
machine); it exits non-zero only if an upload is not answered as expected.
"""

import argparse
import io
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def configure(workdir: Path) -> None:
    """Point Django at a database and media of our own before it starts."""
    sys.path.insert(0, str(BASE_DIR))
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsroom.site.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ["INCOMING_ROOT"] = str(workdir / "incoming")
    os.environ["MEDIA_STORAGE"] = "django.core.files.storage.FileSystemStorage"
    os.environ.pop("INCOMING_STORAGE", None)
    os.environ["TASKS_URL"] = "database://"
    os.environ["CACHE_URL"] = "dummy://"
    os.environ["DEBUG"] = "1"
    import django

    django.setup()


def still(fmt: str, size: tuple[int, int]) -> bytes:
    """A large picture with gradients and shapes, cheap to make."""
    from PIL import Image, ImageDraw

    width, height = size
    gradient = Image.linear_gradient("L").resize(size)
    picture = Image.merge(
        "RGB", (gradient, gradient.transpose(Image.Transpose.ROTATE_180), gradient)
    )
    draw = ImageDraw.Draw(picture)
    for n in range(12):
        box = (n * width // 14, n * height // 16, width - n * 97, height - n * 131)
        draw.ellipse(box, outline=(255, 40 * n % 256, 90), width=25)
    out = io.BytesIO()
    picture.save(out, fmt, **({"quality": 90} if fmt == "JPEG" else {}))
    return out.getvalue()


def big_animation(frames: int = 5, side: int = 6000) -> bytes:
    """A GIF whose screen is ``side``×``side`` with ``frames`` frames: what
    decoding it would cost is side² × frames pixels."""
    from PIL import Image

    pictures = [Image.new("P", (side, side), n) for n in range(frames)]
    out = io.BytesIO()
    pictures[0].save(out, "GIF", save_all=True, append_images=pictures[1:])
    return out.getvalue()


def upload_once(client, name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(name, data)
    started = time.perf_counter()
    response = client.post(
        "/admin/media/image/add/",
        {
            "file": upload,
            "title": f"Bench {name}",
            "alt_text": "A benchmark picture",
            "focal_x": 50,
            "focal_y": 50,
        },
    )
    return response, time.perf_counter() - started


def run_queue() -> float:
    from newsroom.kernel import tasks

    started = time.perf_counter()
    tasks.work_queue_until_empty()
    return time.perf_counter() - started


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="uploads per picture")
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="shimbun-upload-bench-"))
    try:
        configure(workdir)
        return bench(args.repeat)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def bench(repeat: int) -> int:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    from newsroom.kernel.media.models import Image

    call_command("migrate", verbosity=0)
    user = get_user_model().objects.create_superuser("bench", password="x")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)

    print("Making the pictures…", flush=True)
    cases = [
        ("still-39mpx.png", still("PNG", (6000, 6500)), 302),
        ("still-40mpx.jpg", still("JPEG", (6000, 6666)), 302),
        ("anim-6000x6000x5.gif", big_animation(), 200),
    ]
    print(f"{'upload':24} {'bytes':>10} {'status':>6} {'median s':>9} {'max s':>7}")
    failed = False
    for name, data, expected in cases:
        times = []
        for _ in range(repeat):
            response, seconds = upload_once(client, name, data)
            times.append(seconds)
            failed |= response.status_code != expected
        print(
            f"{name:24} {len(data):>10,} {response.status_code:>6} "
            f"{statistics.median(times):>9.2f} {max(times):>7.2f}"
        )
    pending = Image.objects.filter(processing=Image.Processing.PENDING).count()
    seconds = run_queue()
    ready = Image.objects.filter(processing=Image.Processing.READY).count()
    print(
        f"\nBackground task: {pending} upload(s) processed in {seconds:.1f} s "
        f"({seconds / max(pending, 1):.1f} s each); {ready} ready, "
        f"{Image.objects.filter(processing=Image.Processing.FAILED).count()} failed."
    )
    failed |= ready != pending
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
