"""The portal under gunicorn in a child process, for benchmarks and for tests that need real workers."""

import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_user(user: str | None) -> list[str]:
    """`runuser` to a system user when running as root (a service that must not run as root), else nothing."""
    if user is None or os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam(user)
    except KeyError:
        user = "nobody"
    return ["runuser", "-u", user, "--"]


def wait_for_port(port: int, process: subprocess.Popen, what: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not listen on 127.0.0.1:{port}")


@contextmanager
def running(command: list[str], port: int, what: str, user: str | None = None):
    """A service listening on 127.0.0.1:`port`, in a throwaway folder, stopped (and the folder removed) on exit."""
    workdir = Path(tempfile.mkdtemp(prefix=f"portal-{what}-"))
    workdir.chmod(0o777)
    log = (workdir / "log").open("w")
    process = subprocess.Popen([*_as_user(user), *command], cwd=workdir, stdout=log, stderr=log)
    try:
        wait_for_port(port, process, what)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        shutil.rmtree(workdir, ignore_errors=True)


def redis_server(port: int):
    """Debian's redis-server on loopback, as the `redis` user when run as root, keeping nothing on disk."""
    server = shutil.which("redis-server")
    if not server:
        raise RuntimeError("redis-server not found; run scripts/system-deps.sh")
    command = [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", "."]
    return running(command, port, "redis", "redis")


def s3_server(port: int):
    """moto's standalone S3 server (a stand-in for MinIO, OSS or OBS), run as this process runs: it is our own
    virtualenv's program, which another user may not be able to read."""
    return running([str(Path(PYTHON).parent / "moto_server"), "-H", "127.0.0.1", "-p", str(port)], port, "s3")


def production_env(database_url: str, port: int, workers: int, **extra: str) -> dict:
    """Production settings (DEBUG off) on loopback, mail kept in memory; limits meant for real, distinct
    citizens lifted (bench.load_settings), since every simulated citizen comes from 127.0.0.1."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="bench.load_settings",
        DEBUG="0",
        SECRET_KEY=uuid.uuid4().hex * 2,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS=str(workers),
        GUNICORN_ACCESS_LOG="/dev/null",
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )
    env.update(extra)
    return env


def manage(env: dict, *arguments: str) -> None:
    subprocess.run([PYTHON, "manage.py", *arguments], cwd=ROOT, env=env, check=True)


class Gunicorn:
    """gunicorn with the project's gunicorn.conf.py, its output kept in a log file."""

    def __init__(self, env: dict, port: int, own_session: bool = False):
        self.env, self.port = env, port
        self.own_session = own_session  # its own process group, so `kill` takes the workers down with it
        self.base = f"http://127.0.0.1:{port}"
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115 (kept open for gunicorn's whole life)
            "w+", prefix="bench-gunicorn-", suffix=".log", delete=False
        )
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Gunicorn":
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def start(self) -> None:
        gunicorn = str(Path(PYTHON).parent / "gunicorn")
        command = [gunicorn, "-c", "gunicorn.conf.py", "disclosure_portal.wsgi"]
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=self.log, stderr=self.log, start_new_session=self.own_session
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.base}/robots.txt", timeout=2):
                    return
            except (OSError, urllib.error.URLError):
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer within 30 s:\n" + self.tail())

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def kill(self) -> None:
        """A machine that dies: the master and every worker at once, nothing finished or flushed."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL) if self.own_session else self.process.kill()
            self.process.wait(timeout=20)

    def tail(self, lines: int = 40) -> str:
        self.log.flush()
        return "\n".join(Path(self.log.name).read_text(errors="replace").splitlines()[-lines:])


def multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes, str]]) -> tuple[bytes, str]:
    """A multipart/form-data body and its Content-Type, as a browser sends a form with files."""
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content, content_type) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n"
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"
