import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    """When a series or person last changed, for sitemaps' lastmod."""

    dependencies = [("series", "0002_media_library")]

    operations = [
        migrations.AddField(
            model_name="series",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="person",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now),
            preserve_default=False,
        ),
    ]
