"""A throwaway PostgreSQL server for the tests: fixtures ``pg_cluster`` (one per session) and
``pg_url`` (a fresh, empty schema per test). Use with ``pytest_plugins = ("support.pg",)``.

The server comes from Debian's ``postgresql`` package (``/usr/lib/postgresql/*/bin``). It runs
from a temporary directory on a free loopback port with its socket in that directory, never
touching a system cluster. PostgreSQL refuses to run as root, so under root it runs as the
``postgres`` user (or ``nobody``) through ``runuser``. Without the binaries the tests that need
it are skipped, saying why.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

BIN_GLOB = "/usr/lib/postgresql/*/bin"
_SERVER_OPTIONS = (
    # Durability is irrelevant for a test server; speed is not.
    "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
    "-c shared_buffers=16MB -c max_connections=30"
)
_START_TIMEOUT_S = 60


def find_bin_dir() -> Path | None:
    """The newest installed server's bin directory, or wherever ``initdb`` is on PATH."""

    def version(path: str) -> tuple[int, ...]:
        return tuple(int(n) for n in re.findall(r"\d+", path))

    found = sorted(
        (d for d in glob.glob(BIN_GLOB) if os.access(Path(d, "initdb"), os.X_OK)), key=version
    )
    if found:
        return Path(found[-1])
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _server_user() -> str | None:
    """Who runs the server: ourselves unless we are root, when a system user must."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise RuntimeError("running as root with neither a postgres nor a nobody user")


@dataclass
class Cluster:
    bin_dir: Path
    root: Path
    port: int
    user: str | None
    _names: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def data(self) -> Path:
        return self.root / "data"

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{dbname}"

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        return subprocess.run(command, capture_output=True, text=True, check=False)

    def start(self) -> None:
        if self.user:
            shutil.chown(self.root, self.user)
        done = self.run(
            "initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust",
            "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions",
        )  # fmt: skip
        if done.returncode:
            raise RuntimeError(f"initdb failed: {done.stderr or done.stdout}")
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} {_SERVER_OPTIONS}"
        done = self.run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"),
            "-w", "-t", str(_START_TIMEOUT_S), "-o", options, "start",
        )  # fmt: skip
        if done.returncode:
            log = (self.root / "server.log").read_text(errors="replace")[-2000:]
            raise RuntimeError(f"pg_ctl start failed: {done.stderr or done.stdout}\n{log}")

    def stop(self) -> None:
        self.run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def create_schema(self) -> str:
        """A new empty schema, and a URL whose connections use it: as isolated as a new
        database for the store's purposes, and ten times quicker to make."""
        import psycopg

        name = f"onrecord_test_{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {name}")
        return name

    def schema_url(self, schema: str) -> str:
        return f"{self.url()}?options=-csearch_path%3D{schema}"

    def drop_schema(self, name: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install psycopg)")
    bin_dir = find_bin_dir()
    if bin_dir is None:
        pytest.skip(
            f"no PostgreSQL server binaries (initdb, pg_ctl) under {BIN_GLOB} or on PATH; "
            "install Debian's postgresql package to run these tests"
        )
    user = _server_user()
    if user and not shutil.which("runuser"):
        pytest.skip("running as root and runuser is missing, so PostgreSQL cannot be started")
    # Not pytest's tmp_path: its parents are private to root, and the server user must
    # reach the directory.
    root = Path(tempfile.mkdtemp(prefix="onrecord-pg-"))
    cluster = Cluster(bin_dir, root, _free_port(), user)
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def pg_url(pg_cluster: Cluster) -> Iterator[str]:
    """A URL to a new empty schema of the test server, dropped after the test."""
    name = pg_cluster.create_schema()
    try:
        yield pg_cluster.schema_url(name)
    finally:
        pg_cluster.drop_schema(name)
