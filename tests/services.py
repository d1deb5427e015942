"""Throwaway services for the tests of the scaled-out setup, each on a free 127.0.0.1 port (bench.servers):
Debian's redis-server and moto's S3 server. They stop when the test session ends."""

import pytest

from bench.servers import free_port, redis_server, s3_server


@pytest.fixture(scope="session")
def redis_url():
    port = free_port()
    try:
        server = redis_server(port)
    except RuntimeError as missing:
        pytest.fail(str(missing))
    with server:
        yield f"redis://127.0.0.1:{port}/0"


@pytest.fixture(scope="session")
def s3_endpoint():
    port = free_port()
    with s3_server(port):
        yield f"http://127.0.0.1:{port}"
