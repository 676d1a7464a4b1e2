"""``pyserverless serve``: a distribution answers at ``{id}.cloudfront.localhost:PORT``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests

from pyserverless import Cloud
from pyserverless.adapters.http import Server


@pytest.fixture
def server() -> Iterator[tuple[Cloud, Server]]:
    cloud = Cloud.manual()
    with Server(cloud) as running:
        yield cloud, running


def test_distribution_by_host(server: tuple[Cloud, Server]) -> None:
    cloud, running = server
    bucket = cloud.s3.create_bucket("site")
    bucket.put("index.html", b"<h1>hi</h1>", content_type="text/html")
    cdn = cloud.cdn.distribution(origins=[bucket], default_root_object="index.html")
    host = {"Host": f"{cdn.id.lower()}.cloudfront.localhost:{running.port}"}
    first = requests.get(f"{running.url}/", headers=host, timeout=10)
    assert (first.status_code, first.content) == (200, b"<h1>hi</h1>")
    assert first.headers["X-Cache"] == "Miss from cloudfront"
    second = requests.get(f"{running.url}/index.html", headers=host, timeout=10)
    assert second.headers["X-Cache"] == "Hit from cloudfront"
    unknown = {"Host": f"e0000000000000.cloudfront.localhost:{running.port}"}
    assert requests.get(f"{running.url}/", headers=unknown, timeout=10).status_code == 403
