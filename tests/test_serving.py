"""The real server (waitress in a child process on 127.0.0.1): no open bind, foreign hosts,
idle and trickling connections, and the login page in a real Chromium."""

from __future__ import annotations

import http.client
import http.server
import os
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEEDS
from test_browser import base_url, browser_type_launch_args  # noqa: F401 (fixtures)

from learnkit.cli import cli

ROOT = Path(__file__).resolve().parent.parent

# The app under web.serving.make_server with small limits, so the guards act within seconds.
GUARDED = """
import sys
from web import create_app
from web.serving import Limits, make_server
app = create_app({"INSTANCE_PATH": sys.argv[1], "SEEDS_DIR": None})
server = make_server(app, "127.0.0.1", 0, Limits(
    threads=2, connection_limit=30, idle_timeout=3, request_timeout=2, cleanup_interval=1, shed=10))
print(server.effective_port, flush=True)
server.run()
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str = "/health", host: str | None = None, timeout: float = 5):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    conn.request("GET", path, headers={"Host": host} if host else {})
    response = conn.getresponse()
    body = response.read().decode()
    conn.close()
    return response.status, body


def wait_until_up(port: int, child: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert child.poll() is None, child.stderr.read() if child.stderr else child.returncode
        try:
            if get(port, timeout=1)[0] == 200:
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail("the server did not start")


@pytest.fixture
def guarded_port(tmp_path):
    child = subprocess.Popen(
        [sys.executable, "-c", GUARDED, str(tmp_path / "instance")],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        port = int(child.stdout.readline())
        wait_until_up(port, child)
        yield port
    finally:
        child.terminate()
        child.communicate(timeout=10)


# -- no open bind ------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "study.lan"], ids=str)
def test_open_bind_without_a_password_refuses_to_start(monkeypatch, host):
    monkeypatch.delenv("LEARNKIT_PASSWORD", raising=False)
    result = CliRunner().invoke(cli, ["serve", "--host", host])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"Error: --host {host} serves other computers, so it needs a password: "
        "set LEARNKIT_PASSWORD or pass --new-password (printed once on start)"
    ]


def test_short_password_refuses_to_start(monkeypatch):
    monkeypatch.setenv("LEARNKIT_PASSWORD", "secret")
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert result.output.strip() == (
        "Error: LEARNKIT_PASSWORD is too short: use at least 10 characters "
        "(or pass --new-password for a generated one)"
    )


def test_serve_beyond_loopback_prints_a_generated_password_once(tmp_path):
    port = free_port()
    env = {**os.environ, "LEARNKIT_INSTANCE": str(tmp_path / "instance")}
    env.pop("LEARNKIT_PASSWORD", None)
    child = subprocess.Popen(
        [sys.executable, "-m", "learnkit.cli", "serve", "--host", "0.0.0.0", "--port", str(port)]
        + ["--seeds", str(SEEDS), "--new-password", "--trusted-host", "study.lan"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        wait_until_up(port, child)
        assert get(port, "/", host="study.lan")[0] == 302  # to the login page
        assert get(port, "/", host="evil.example")[0] == 400
    finally:
        child.terminate()
        out = child.communicate(timeout=10)[0]
    passwords = re.findall(r"^Password \(shown once\): (\S+)$", out, re.M)
    assert len(passwords) == 1 and len(passwords[0]) >= 20
    assert "study.lan" in out


# -- the guards of web.serving -----------------------------------------------------------


def test_real_server_refuses_a_foreign_host(guarded_port):
    assert get(guarded_port, "/", host="evil.example") == (
        400,
        "400 Bad Request: this server does not answer to that host name.\n",
    )
    assert get(guarded_port, "/health", host="localhost")[0] == 200


def test_idle_connections_are_shed_at_the_limit(guarded_port):
    idle = [socket.create_connection(("127.0.0.1", guarded_port)) for _ in range(60)]
    try:
        time.sleep(0.5)
        # Answered well before the idle timeout (3 s) could have freed room.
        assert get(guarded_port, timeout=1.5)[0] == 200
    finally:
        for s in idle:
            s.close()


def closed(sock: socket.socket, within: float, trickle: bytes = b"") -> float | None:
    """Seconds until the server closes ``sock`` (sending ``trickle`` byte by byte)."""
    start = time.monotonic()
    sock.settimeout(0.3)
    i = 0
    while time.monotonic() - start < within:
        try:
            if trickle:
                sock.send(trickle[i % len(trickle) : i % len(trickle) + 1])
                i += 1
            if sock.recv(1) == b"":
                return time.monotonic() - start
        except TimeoutError:
            continue
        except OSError:
            return time.monotonic() - start
    return None


@pytest.mark.parametrize(
    "trickle",
    [b"", b"GET /health HTTP/1.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaa"],
    ids=["idle", "trickling"],
)
def test_idle_and_trickling_connections_are_closed(guarded_port, trickle):
    sock = socket.create_connection(("127.0.0.1", guarded_port))
    try:
        seconds = closed(sock, 15, trickle)
    finally:
        sock.close()
    assert seconds is not None and seconds < 8  # idle_timeout 3 s, request_timeout 2 s


# -- in a real browser -------------------------------------------------------------------


PASSWORD = "correct horse battery"
ATTACK = """<!doctype html><form method="post" action="{target}/quiz/start">
<input name="csrf_token" value="guessed"><button id="go">go</button></form>"""


@pytest.fixture
def password_server(tmp_path):
    port = free_port()
    env = {**os.environ, "LEARNKIT_INSTANCE": str(tmp_path / "instance")}
    env["LEARNKIT_PASSWORD"] = PASSWORD
    child = subprocess.Popen(
        [sys.executable, "-m", "learnkit.cli", "serve", "--port", str(port)]
        + ["--seeds", str(SEEDS)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up(port, child)
        yield f"http://127.0.0.1:{port}"
    finally:
        child.terminate()
        child.wait(10)


@pytest.fixture
def other_site(password_server):
    """Another origin (same machine, other port) with a form posting to the app."""
    page = ATTACK.format(target=password_server).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.mark.browser
def test_login_then_a_cross_origin_form_is_refused_in_chromium(page, password_server, other_site):
    expect = pytest.importorskip("playwright.sync_api").expect
    page.goto(password_server + "/")
    assert page.url == password_server + "/login?next=/"
    page.get_by_test_id("login-password").fill("wrong guess")
    page.get_by_test_id("login-submit").click()
    expect(page.get_by_test_id("login-error")).to_have_text("Wrong password.")
    page.get_by_test_id("login-password").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()
    expect(page.get_by_test_id("review-due")).to_be_visible()  # the library
    page.goto(other_site)  # signed in: the session cookie goes along (same site)
    page.locator("#go").click()
    expect(page.locator("p.error")).to_have_text(
        "This form was sent from another site, so it was refused."
    )
