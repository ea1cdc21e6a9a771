"""factcheck serve: host and name checks, the pages, and a real headless Chromium labelling a sentence."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from tui_helpers import build_db

from factcheck.cli import cli
from factcheck.store import Store
from factcheck.tui.serving import REMOTE_FLAG, ServeError, check_host, check_name, is_local, read_annotators

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"])
def test_local_hosts_need_no_flag(host: str) -> None:
    assert is_local(host)
    check_host(host, allow_remote=False)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.5", "example.org"])
def test_a_host_others_can_reach_is_refused_without_the_flag(host: str, tmp_path: Path) -> None:
    assert not is_local(host)
    db = tmp_path / "t.db"
    build_db(db)
    result = run("serve", "--host", host, "--db", str(db))
    assert result.exit_code == 1
    assert (
        result.stderr.startswith(f"Error: --host {host} lets other machines in")
        and REMOTE_FLAG in result.stderr
    )
    assert result.stderr.count("\n") == 1
    check_host(host, allow_remote=True)


def test_serve_needs_a_database_with_articles(tmp_path: Path) -> None:
    missing = run("serve", "--db", str(tmp_path / "none.db"))
    assert missing.exit_code == 1 and "no such database" in missing.stderr
    assert not (tmp_path / "none.db").exists()
    empty = tmp_path / "empty.db"
    Store(empty).close()
    result = run("serve", "--db", str(empty))
    assert (
        result.exit_code == 1
        and result.stderr == f"Error: {empty}: no articles yet; ingest some first: factcheck ingest FILES\n"
    )


def test_serve_names_the_extra_when_textual_serve_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "t.db"
    build_db(db)
    monkeypatch.setitem(sys.modules, "textual_serve", None)
    result = run("serve", "--db", str(db))
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: factcheck serve needs the optional 'serve' extra (textual-serve): "
        "pip install 'factcheck[serve]'\n"
    )


@pytest.mark.parametrize(
    ("name", "message"),
    [("", "give your name"), ("   ", "give your name"), ("a" * 65, "at most 64"), ("al\x07ice", "control")],
)
def test_bad_names_are_refused(name: str, message: str) -> None:
    with pytest.raises(ServeError, match=message):
        check_name(name)


def test_an_annotators_file_lists_names_and_refuses_bad_ones(tmp_path: Path) -> None:
    path = tmp_path / "team.txt"
    path.write_text("# the team\nalice\n\nbob  # lead\nalice\n", encoding="utf-8")
    assert read_annotators(path) == ["alice", "bob"]
    path.write_text("# nobody\n", encoding="utf-8")
    with pytest.raises(ServeError, match="no annotator names"):
        read_annotators(path)
    path.write_text("alice\n" + "x" * 70 + "\n", encoding="utf-8")
    with pytest.raises(ServeError, match=r"team.txt:2: a name has at most 64"):
        read_annotators(path)
    db = tmp_path / "t.db"
    build_db(db)
    result = run("serve", "--annotators", str(tmp_path / "none.txt"), "--db", str(db))
    assert result.exit_code == 1 and result.stderr == f"Error: {tmp_path / 'none.txt'}: no such file\n"


# -- the pages, served in-process ------------------------------------------------------------------


@pytest.fixture
def database(tmp_path: Path) -> Path:
    db = tmp_path / "t.db"
    build_db(db)
    return db


async def get(server: object, path: str) -> tuple[int, str]:
    from aiohttp.test_utils import TestClient, TestServer

    app = await server._make_app()  # type: ignore[attr-defined]
    async with TestClient(TestServer(app)) as client:
        response = await client.get(path)
        return response.status, await response.text()


async def test_the_page_asks_for_a_name_then_opens_that_annotators_session(database: Path) -> None:
    from factcheck.tui.server import FactcheckServer

    server = FactcheckServer(str(database), "127.0.0.1", 8000)
    status, page = await get(server, "/")
    assert status == 200 and 'name="annotator"' in page and "Your name" in page
    status, page = await get(server, "/?annotator=%20alice%20")
    assert status == 200 and 'data-session-websocket-url="ws://127.0.0.1:8000/ws/annotate/alice"' in page
    status, page = await get(server, "/review?annotator=lead%20one")
    assert status == 200 and "/ws/review/lead%20one" in page
    status, page = await get(server, "/?annotator=%07")
    assert status == 400 and "control characters" in page
    status, _page = await get(server, "/ws/delete/alice")
    assert status == 403


async def test_with_an_annotators_list_only_those_names_are_served(database: Path) -> None:
    from factcheck.tui.server import FactcheckServer

    server = FactcheckServer(str(database), "127.0.0.1", 8000, annotators=["alice", "<b>bob</b>"])
    status, page = await get(server, "/")
    assert "<select" in page and "<option>alice</option>" in page and "&lt;b&gt;bob&lt;/b&gt;" in page
    status, page = await get(server, "/?annotator=mallory")
    assert status == 403 and "not on this server" in page
    status, _page = await get(server, "/ws/annotate/mallory")
    assert status == 403


async def test_behind_a_proxy_the_public_url_is_used(database: Path) -> None:
    from factcheck.tui.server import FactcheckServer

    server = FactcheckServer(str(database), "127.0.0.1", 8000, public_url="https://labels.example.org/fc")
    _status, page = await get(server, "/?annotator=alice")
    assert 'data-session-websocket-url="wss://labels.example.org/fc/ws/annotate/alice"' in page
    assert "https://labels.example.org/fc/static/js/textual.js" in page


# -- a real browser ----------------------------------------------------------------------------------


def browser_or_skip() -> None:
    """Skip where the browser is truly absent; in CI its absence is a failure."""
    missing = [name for name, path in [("chromium", CHROMIUM), ("chromedriver", DRIVER)] if path is None]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("selenium")
    if not missing:
        return
    reason = f"{', '.join(missing)} not installed (apt-get install chromium chromium-driver)"
    if os.environ.get("CI"):
        pytest.fail(f"the browser test must run in CI: {reason}")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serving(db: Path) -> Iterator[int]:
    port = free_port()
    command = [sys.executable, "-m", "factcheck", "serve", "--port", str(port), "--db", str(db)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                break
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(
                    f"serve did not start: {process.stderr.read() if process.stderr else ''}"
                )
            time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def until(check: object, what: str, timeout: float = 60.0) -> object:
    assert callable(check)
    deadline = time.monotonic() + timeout
    while not (found := check()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)
    return found


def labels(db: Path, annotator: str) -> list[tuple[str, str, str]]:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        sql = "select mention_id, field, value from annotations where annotator = ?"
        return conn.execute(sql, [annotator]).fetchall()


def test_a_browser_labels_a_sentence_through_serve(database: Path) -> None:
    browser_or_skip()
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    assert run("assign", "--annotators", "bob,alice", "--db", str(database)).exit_code == 0
    conn = sqlite3.connect(database)
    first_article = conn.execute(
        "select s.item_id from assignments s join articles a on a.id = s.item_id "
        "where s.annotator = 'alice' order by a.seq limit 1"
    ).fetchone()[0]
    expected = conn.execute(
        "select id from mentions where article_id = ? and idx = 0", [first_article]
    ).fetchone()[0]
    conn.close()
    options = Options()
    options.binary_location = str(CHROMIUM)
    profile = tempfile.mkdtemp(prefix="factcheck-chromium-")
    for argument in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        f"--user-data-dir={profile}",
        "--window-size=1200,800",
    ):
        options.add_argument(argument)
    with serving(database) as port:
        driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
        try:
            driver.get(f"http://127.0.0.1:{port}/")
            driver.find_element(By.ID, "annotator").send_keys("alice")
            driver.find_element(By.ID, "start").click()
            until(
                lambda: "-first-byte" in (driver.execute_script("return document.body.className") or ""),
                "the app to start in the page",
            )
            typing = driver.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea")
            rows: list[tuple[str, str, str]] = []
            for _attempt in range(6):
                # A key sent before the app has mounted its screen is lost; one sent after
                # is saved at once. So: press, wait for the row, press again if none came.
                typing.send_keys("1")
                with contextlib.suppress(AssertionError):
                    rows = until(lambda: labels(database, "alice"), "the label", timeout=10)  # type: ignore[assignment]
                    break
        finally:
            driver.quit()
            shutil.rmtree(profile, ignore_errors=True)
    assert (expected, "checkworthy", "check-worthy") in rows, rows
    assert {mention for mention, _f, _v in rows} == {expected}, (
        "labels land on alice's first planned sentence"
    )
