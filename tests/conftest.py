"""Shared fixtures: a network guard, tiny article folders, and indexes built once per session in tmp dirs."""

from __future__ import annotations

import ipaddress
import os
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"

TINY_ARTICLES = {
    "alpha.txt": (
        "Harbour City opens a new bridge\n\n"
        "The mayor of Harbour City opened the new suspension bridge on Monday morning. "
        "The bridge cost 40 million euros and took three years to build. "
        "“It links the old town to the port,” the mayor said.\n"
        "Traffic engineers expect twenty thousand cars a day to cross it.\n"
    ),
    "beta.txt": (
        "The national bank raised its interest rate to four percent on Tuesday. "
        "Economists had expected the rise after inflation reached six percent in the spring. "
        "The governor said further rises were possible if prices kept climbing.\n"
        "Join our commenting forum\n"
    ),
    "gamma.txt": (
        "A rare orchid was found in the northern forest by a team of botanists. "
        "The flower had not been seen in the region for more than fifty years. "
        "The botanists asked visitors to keep to the paths to protect it.\n"
    ),
}
TINY_METADATA = """
["alpha.txt"]
outlet = "Harbour Herald"
outlet_confidence = "stated"
headline = "Harbour City opens a new bridge"
date = "2026-02-01"
url = "https://example.org/bridge"

["beta.txt"]
outlet = "Money Daily"
outlet_confidence = "inferred"
headline = "Bank raises rates"
date = "2026-02-02"

["gamma.txt"]
outlet_confidence = "unknown"
headline = "Orchid found"
date = ""
"""


def _is_loopback(address: object) -> bool:
    if isinstance(address, tuple) and address:
        host = str(address[0])
        if host == "localhost":
            return True
        try:
            return ipaddress.ip_address(host).is_loopback
        except ValueError:
            return False
    return isinstance(address, (str, bytes))  # unix sockets


@pytest.fixture(autouse=True)
def network_guard(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any test that tries to reach beyond this machine (loopback stays allowed for fake servers)."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def guarded(sock: socket.socket, address: object) -> object:
        if not _is_loopback(address):
            raise RuntimeError(f"test tried to reach the network: {address!r}")
        return real_connect(sock, address)

    def guarded_ex(sock: socket.socket, address: object) -> object:
        if not _is_loopback(address):
            raise RuntimeError(f"test tried to reach the network: {address!r}")
        return real_connect_ex(sock, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_ex)


def write_articles(folder: Path, articles: dict[str, str] | None = None, metadata: str = TINY_METADATA) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (articles or TINY_ARTICLES).items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "articles.toml").write_text(metadata, encoding="utf-8")
    return folder


@pytest.fixture
def tiny_articles(tmp_path: Path) -> Path:
    return write_articles(tmp_path / "articles")


@pytest.fixture(scope="session")
def tiny_index_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny index built once per session with the real model; copy it before changing it."""
    from index.build import IndexSettings, build_index

    root = tmp_path_factory.mktemp("tiny")
    articles = write_articles(root / "articles")
    build_index(articles, root / "index", IndexSettings())
    return root / "index"


@pytest.fixture
def tiny_index(tiny_index_master: Path, tmp_path: Path) -> Path:
    """A private copy of the tiny index that a test may corrupt."""
    copy = tmp_path / "index"
    shutil.copytree(tiny_index_master, copy)
    return copy


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The index over the shipped seeds, built once per session."""
    from index.build import IndexSettings, build_index

    folder = tmp_path_factory.mktemp("seeds") / "index"
    build_index(SEEDS, folder, IndexSettings())
    return folder


@pytest.fixture
def chdir_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.chdir(tmp_path)
    yield tmp_path
