"""Requests per second of the quiz's answer endpoint against a trivial endpoint, same server.

The server is ``learnkit serve`` itself (waitress) in a child process on 127.0.0.1, with a
throw-away instance folder and the sample article. One keep-alive client sends bounded loops of
``GET /health`` and of real answers (``POST /quiz/<id>/answer``: CSRF check, answer
checking, FSRS scheduling, one SQLite transaction, the feedback page), cycling through
typed hanzi, toneless pinyin, a wrong answer and a multiple choice. Goal: ratio >= 0.5.

    .venv/bin/python bench/web_speed.py [--requests 400] [--rounds 3]
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

from learnkit.study.store import Store
from web import create_app
from web.db import get_library, get_store
from web.quiz import SESSION_SIZE

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    """One keep-alive HTTP/1.1 connection carrying the session cookie."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        self.cookie = ""

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, str]:
        headers = {"Cookie": self.cookie} if self.cookie else {}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        text = response.read().decode()
        cookie = response.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";", 1)[0]
        return response.status, text


def wait_until_up(port: int, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"the server exited with status {server.returncode}")
        try:
            if Client(port).request("GET", "/health")[0] == 200:
                return
        except OSError:
            time.sleep(0.1)
    sys.exit("the server did not start")


def rate(send, n: int) -> float:
    start = time.perf_counter()
    for i in range(n):
        send(i)
    return n / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200, help="requests per loop")
    parser.add_argument("--rounds", type=int, default=7, help="rounds of one loop of each kind")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="learnkit-bench-") as tmp:
        app = create_app({"INSTANCE_PATH": tmp, "SEEDS_DIR": str(ROOT / "seeds")})
        with app.app_context():  # parses the sample into the instance's cache
            items = [i for e in get_library().entries(get_store()) for i in e.items]
        total = args.requests // 4 + args.requests * args.rounds  # warm-up + rounds
        size = SESSION_SIZE
        with Store(app.config["DATABASE"]) as store:  # real-sized sessions: every answer grades
            sids = [
                store.create_session(
                    None,
                    [items[(k * size + n) % len(items)].id for n in range(size)],
                    datetime.now(UTC),
                )
                for k in range(-(-total // size))
            ]
        port = free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "learnkit.cli",
                "serve",
                "--port",
                str(port),
                "--seeds",
                str(ROOT / "seeds"),
            ],
            env={**os.environ, "LEARNKIT_INSTANCE": tmp},
            stdout=subprocess.DEVNULL,
        )
        wait_until_up(port, server)
        client = Client(port)
        token = re.search(
            r'name="csrf_token" value="([^"]+)"', client.request("GET", f"/quiz/{sids[0]}")[1]
        ).group(1)
        answered = 0

        def health(_: int) -> None:
            status, _ = client.request("GET", "/health")
            assert status == 200, status

        def answer(_: int) -> None:
            nonlocal answered
            sid, position = sids[answered // size], answered % size
            item = items[answered % len(items)]
            form = {"csrf_token": token, "position": str(position)}
            kind = answered % 4
            if kind == 3:
                form["choice"] = str(item.choices.index(item.answer) + 1)
            else:
                form["answer"] = [item.answer, re.sub(r"\d", "", item.numbers), "错"][kind]
            status, page = client.request("POST", f"/quiz/{sid}/answer", form)
            assert status == 200 and "data-verdict" in page, status
            answered += 1

        n = args.requests
        rate(health, n // 4)
        rate(answer, n // 4)  # warm-up (templates, connections)
        trivial, graded = [], []
        for _ in range(args.rounds):
            trivial.append(rate(health, n))
            graded.append(rate(answer, n))
        server.terminate()
        server.wait(10)
    # Each round measures both endpoints back to back; the median of the per-round ratios
    # resists the noise of other processes sharing the machine.
    ratios = sorted(a / t for a, t in zip(graded, trivial, strict=True))
    print(
        f"server: learnkit serve (waitress, 4 threads) on 127.0.0.1; 1 keep-alive client; "
        f"{args.rounds} rounds x {n} requests per endpoint"
    )
    print(
        f"GET  /health              median {statistics.median(trivial):7.1f} req/s "
        f"(best {max(trivial):.1f})"
    )
    print(
        f"POST /quiz/<id>/answer    median {statistics.median(graded):7.1f} req/s "
        f"(best {max(graded):.1f})"
    )
    print(
        f"ratio answer/trivial      median {statistics.median(ratios):7.2f} "
        f"(range {ratios[0]:.2f}-{ratios[-1]:.2f}; goal >= 0.5)"
    )


if __name__ == "__main__":
    main()
