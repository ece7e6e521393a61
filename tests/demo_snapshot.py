"""The demo newsroom for tests: loaded once per test process, restored per test.

``manage.py load_demo`` draws and resizes every picture and hashes the demo
passwords; run again for each test that wanted the demo, it was most of the
suite's time. Here it runs once per process (once per xdist worker) inside a
transaction that is rolled back, after its rows and files have been copied
out. A test that asks for the demo gets those rows inserted again, as they
were (no signals, no picture work), and the files copied into its own
MEDIA_ROOT. The test's own transaction, or the flush after a transactional
test, takes them away again, so no test sees what another one changed.

Content types and permissions are made by ``migrate`` and made again, under
new ids, by the flush after each transactional test; the snapshot refers to
them by natural key and looks their ids up when it is restored.
"""

import shutil
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections, transaction
from django.test.utils import override_settings


def load_demo() -> str:
    """Run the real ``load_demo`` command; returns what it printed."""
    out = StringIO()
    call_command("load_demo", quiet_logins=True, stdout=out)
    return out.getvalue()


def _content_type_keys() -> dict[int, tuple]:
    return {
        pk: (app_label, model)
        for pk, app_label, model in ContentType.objects.values_list(
            "pk", "app_label", "model"
        )
    }


def _permission_keys() -> dict[int, tuple]:
    types = _content_type_keys()
    return {
        pk: (types[content_type], codename)
        for pk, content_type, codename in Permission.objects.values_list(
            "pk", "content_type", "codename"
        )
    }


#: Rows ``migrate`` makes: present before the demo, never part of it.
MIGRATED = {ContentType: _content_type_keys, Permission: _permission_keys}


def _data_models() -> list:
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and model not in MIGRATED
    ]


@dataclass
class Table:
    model: type
    #: positions in a row of ids of rows ``migrate`` made, with the model of each
    migrated: dict[int, type]
    rows: list[tuple]


@dataclass
class DemoSnapshot:
    tables: list[Table]
    files: Path

    @classmethod
    def build(cls, files: Path, using: str = DEFAULT_DB_ALIAS) -> "DemoSnapshot":
        """Load the demo into the (empty) test database, copy it out, roll back."""
        media, incoming = files / "media", files / "incoming"
        storages = settings.STORAGES | {
            "incoming": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": incoming},
            }
        }
        with (
            override_settings(MEDIA_ROOT=media, STORAGES=storages),
            transaction.atomic(using=using),
        ):
            models = _data_models()
            filled = [m for m in models if m._base_manager.using(using).exists()]
            if filled:
                raise RuntimeError(f"the database is not empty: {filled}")
            load_demo()
            keys = {model: read_keys() for model, read_keys in MIGRATED.items()}
            tables = [cls._copy(model, keys, using) for model in models]
            transaction.set_rollback(True, using=using)
        cache.clear()
        return cls([table for table in tables if table.rows], files)

    @staticmethod
    def _copy(model, keys, using) -> Table:
        fields = model._meta.concrete_fields
        migrated = {
            n: field.related_model
            for n, field in enumerate(fields)
            if field.is_relation and field.related_model in MIGRATED
        }
        rows = []
        queryset = model._base_manager.using(using).order_by("pk")
        for row in queryset.values_list(*(f.attname for f in fields)):
            row = list(row)
            for n, target in migrated.items():
                if row[n] is not None:
                    row[n] = keys[target][row[n]]
            rows.append(tuple(row))
        return Table(model, migrated, rows)

    def restore(self, using: str = DEFAULT_DB_ALIAS) -> bool:
        """Insert the demo's rows and copy its files into this test's storage.

        False (and nothing inserted) when the database already holds rows the
        demo's collide with; the caller then loads the demo the slow way.
        """
        ids = {
            model: {key: pk for pk, key in read_keys().items()}
            for model, read_keys in MIGRATED.items()
        }
        connection = connections[using]
        try:
            with transaction.atomic(using=using):
                for table in self.tables:
                    self._insert(table, ids, using)
                for sql in connection.ops.sequence_reset_sql(
                    no_style(), [table.model for table in self.tables]
                ):
                    with connection.cursor() as cursor:
                        cursor.execute(sql)
        except IntegrityError:
            return False
        for name, target in [
            ("media", settings.MEDIA_ROOT),
            ("incoming", settings.STORAGES["incoming"]["OPTIONS"]["location"]),
        ]:
            if (self.files / name).exists():
                shutil.copytree(self.files / name, target, dirs_exist_ok=True)
        # Nothing sent the signals that keep the cache in step with the rows.
        cache.clear()
        return True

    @staticmethod
    def _insert(table, ids, using):
        model = table.model
        objs = []
        for row in table.rows:
            row = list(row)
            for n, target in table.migrated.items():
                if row[n] is not None:
                    row[n] = ids[target][row[n]]
            objs.append(model(*row))
        fields = model._meta.local_concrete_fields
        ops = connections[using].ops
        size = max(ops.bulk_batch_size(fields, objs), 1)
        for start in range(0, len(objs), size):
            # raw: stored exactly as read (no auto_now stamps, no upload_to).
            model._base_manager._insert(
                objs[start : start + size], fields=fields, using=using, raw=True
            )

    def counts(self) -> dict[str, int]:
        """Rows per model, by label, as a fresh load would make them."""
        return {table.model._meta.label: len(table.rows) for table in self.tables}
