"""Private Redis and PostgreSQL servers a test may stop: never the machine's own."""

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

REDIS_SERVER = shutil.which("redis-server")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """redis-server on a free loopback port, with nothing kept on disk."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while not self.answers():
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.stop()
                raise RuntimeError("redis-server did not start")
            time.sleep(0.05)

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture
def redis_server():
    if REDIS_SERVER is None:
        message = "needs redis-server on PATH (apt-get install redis-server)"
        if os.environ.get("REQUIRE_SERVICE_TESTS") == "1":
            pytest.fail(message)
        pytest.skip(message)
    server = RedisServer()
    yield server
    server.stop()


PG_BIN = Path("/usr/lib/postgresql/15/bin")


class PostgresCluster:
    """A throwaway PostgreSQL 15 cluster on a free loopback port.

    PostgreSQL refuses to run as root, so under root every server command runs
    as the ``postgres`` system user, in a folder made for it. The machine's own
    server (port 5432) is never touched.
    """

    def __init__(self):
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="shimbun-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/postgres"
        self.as_owner = []
        # Nothing here must survive a crash of the machine: no fsync.
        self.options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 "
            f"-c unix_socket_directories={self.root} -c fsync=off "
            "-c full_page_writes=off"
        )
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chown(self.root, owner.pw_uid, owner.pw_gid)
            self.as_owner = ["runuser", "-u", "postgres", "--"]
        try:
            self._run(
                "initdb",
                "-D",
                self.data,
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-sync",
            )
            self.start()
        except BaseException:
            self.remove()
            raise

    def _run(self, program, *args):
        done = subprocess.run(
            [*self.as_owner, PG_BIN / program, *map(str, args)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=60,
        )
        if done.returncode:
            raise RuntimeError(f"{program} {args[0]} failed: {done.stderr.decode()}")

    def pg_ctl(self, action, *args):
        """``pg_ctl <action>``, waiting until it is done.

        The server log goes to a file: a server started with pg_ctl's own
        output as its stdout would hold that pipe open for its whole life.
        """
        self._run("pg_ctl", action, "-w", "-D", self.data, "-l", self.log, *args)

    def start(self):
        self.pg_ctl("start", "-o", self.options)

    def stop(self):
        """Shut down as an operator would: disconnect everyone, then stop."""
        self.pg_ctl("stop", "-m", "fast")

    def restart(self):
        self.pg_ctl("restart", "-m", "fast")

    def remove(self):
        if (self.data / "postmaster.pid").exists():
            with contextlib.suppress(RuntimeError):
                self.pg_ctl("stop", "-m", "immediate")
        shutil.rmtree(self.root, ignore_errors=True)


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


@pytest.fixture
def postgres_cluster():
    message = None
    if not all((PG_BIN / p).exists() for p in ("initdb", "pg_ctl")):
        message = f"needs PostgreSQL 15 in {PG_BIN} (apt-get install postgresql-15)"
    elif os.geteuid() == 0 and not (shutil.which("runuser") and _has_user("postgres")):
        message = (
            "running as root needs runuser and a postgres user to start PostgreSQL"
        )
    if message:
        if os.environ.get("REQUIRE_SERVICE_TESTS") == "1":
            pytest.fail(message)
        pytest.skip(message)
    cluster = PostgresCluster()
    try:
        yield cluster
    finally:
        cluster.remove()
