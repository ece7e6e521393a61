"""Background tasks of the media library."""

from django_tasks import task

from . import processing


@task()
def image_process(*, image_id: int, upload_name: str) -> bool:
    """Strip an upload's metadata into the public file and make its renditions."""
    return processing.image_process(image_id=image_id, upload_name=upload_name)
