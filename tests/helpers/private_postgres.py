"""A PostgreSQL server of the test's own, in a temporary folder, that a test may stop,
start and restart as a real outage would (the shared server the other tests use is never
restarted). Run as the ``postgres`` account when the tests run as root, as initdb asks."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path


def binaries() -> Path | None:
    """The folder of the server's programs (initdb, pg_ctl), or None where none is installed."""
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    folders = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[4]))
    return Path(folders[-1]) if folders and (Path(folders[-1]) / "pg_ctl").exists() else None


@dataclass
class Server:
    url: str
    bin: Path
    data: Path
    port: int
    sockets: Path

    def _ctl(self, *args: str) -> None:
        options = f"-p {self.port} -k {self.sockets} -c listen_addresses=127.0.0.1 -c fsync=off"
        _as_owner([str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-w",
                   "-t", "60", "-l", str(self.data.parent / "server.log"), *args])

    def restart(self) -> None:
        """Stopped (every connection cut, as a server going down cuts them) and started."""
        self._ctl("-m", "fast", "restart")


def _as_owner(command: list[str]) -> None:
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    subprocess.run(command, check=True, capture_output=True, text=True, timeout=120)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def private_server() -> Iterator[Server]:
    found = binaries()
    assert found is not None, "PostgreSQL's programs are not installed (scripts/ensure-system.sh)"
    root = Path(tempfile.mkdtemp(prefix="cr-pg-"))
    data, sockets = root / "data", root / "sockets"
    sockets.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(sockets, "postgres")
    port = _free_port()
    server = Server(f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres", found, data,
                    port, sockets)
    try:
        _as_owner([str(found / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
                   "-E", "UTF8", "--no-sync"])
        server._ctl("start")
        yield server
    finally:
        with suppress(subprocess.CalledProcessError):
            server._ctl("-m", "immediate", "stop")
        shutil.rmtree(root, ignore_errors=True)
