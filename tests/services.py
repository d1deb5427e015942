"""Throwaway services for the tests of the scaled-out setup, each on a free 127.0.0.1 port: Debian's
redis-server (as its own user when the tests run as root) and moto's S3 server (a stand-in for MinIO, OSS
or OBS). They stop when the test session ends."""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_service_user(user: str | None) -> list[str]:
    if user is None or os.geteuid() != 0:
        return []
    try:
        import pwd

        pwd.getpwnam(user)
    except KeyError:
        user = "nobody"
    return ["runuser", "-u", user, "--"]


def _wait_for_port(port: int, process: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not listen on 127.0.0.1:{port}")


@contextmanager
def running(command: list[str], port: int, what: str, user: str | None):
    workdir = Path(tempfile.mkdtemp(prefix=f"portal-{what}-"))
    workdir.chmod(0o777)
    log = (workdir / "log").open("w")
    process = subprocess.Popen([*_as_service_user(user), *command], cwd=workdir, stdout=log, stderr=log)
    try:
        _wait_for_port(port, process, what)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def redis_url():
    server = shutil.which("redis-server")
    if not server:
        pytest.fail("redis-server not found; run scripts/system-deps.sh")
    port = free_port()
    command = [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    with running([*command, "--dir", "."], port, "redis", "redis"):
        yield f"redis://127.0.0.1:{port}/0"


@pytest.fixture(scope="session")
def s3_endpoint():
    server = Path(sys.executable).parent / "moto_server"
    if not server.exists():
        pytest.fail("moto_server not found; run make install")
    port = free_port()
    # Our own virtualenv's program (which another user may not be able to read): run as the tests run.
    with running([str(server), "-H", "127.0.0.1", "-p", str(port)], port, "s3", None):
        yield f"http://127.0.0.1:{port}"
