"""The server under load: pages while uploads run, the library's cost by size, the WAL.

Each part runs ``learnkit serve`` (waitress) in a child process on 127.0.0.1 with a
throw-away instance folder; every loop is bounded.

- ``uploads``: median and worst latency of the library page and a quiz page, idle and
  while four large uploads (a 170 KB article of 1,500 short paragraphs, made from fixed
  sentences) are sent at once; how the uploads were answered (processed or busy).
- ``library``: time per library page with 10 and with 1,000 articles (the sample's study
  set cloned under new ids straight into the instance's cache, a third of its items
  studied, half of those due) and the ratio. Goal: ratio <= 5.
- ``wal``: size of the SQLite log after answering for ``--seconds`` with two clients.
- ``connections``: ``/health`` while 300 idle connections are open (waitress's own limit
  was 100), and how long a connection trickling a byte a second stays open.

    .venv/bin/python bench/server_load.py [uploads] [library] [wal] [connections] [--seconds 60]
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
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

from learnkit import codec
from learnkit.study.library import content_key
from learnkit.study.store import Store
from web import create_app
from web.db import get_library, get_store

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
NOW = datetime.now(UTC)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port, method, path, body=None, headers=None, timeout=60.0):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response.status, response.getheader("Set-Cookie"), data.decode(errors="replace")


class Server:
    def __init__(self, instance: str, seeds: Path) -> None:
        self.port = free_port()
        self.child = subprocess.Popen(
            [sys.executable, "-m", "learnkit.cli", "serve", "--port", str(self.port)]
            + ["--seeds", str(seeds)],
            env={**os.environ, "LEARNKIT_INSTANCE": instance},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,  # waitress logs each time the connection limit is hit
        )
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            if self.child.poll() is not None:
                sys.exit(f"the server exited with status {self.child.returncode}")
            try:
                if request(self.port, "GET", "/health", timeout=2)[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        sys.exit("the server did not start")

    def stop(self) -> None:
        self.child.terminate()
        self.child.wait(10)


def token(port: int, path: str = "/upload/") -> tuple[str, str]:
    _, cookie, page = request(port, "GET", path)
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found and cookie, path
    return cookie.split(";", 1)[0], found.group(1)


def big_article(paragraphs: int, tag: int) -> bytes:
    zh = ["我们今天讨论**经济政策**。", "政府发布了一份**年度报告**。", "两国关系继续发展。"]
    en = [
        "Today we discuss **economic policy**.",
        "The government released an **annual report**.",
        "Relations between the two countries continue to develop.",
    ]
    zhp = "\n\n".join(f"{zh[i % 3]}第{i}段。" for i in range(paragraphs))
    enp = "\n\n".join(f"{en[i % 3]} Paragraph {i}." for i in range(paragraphs))
    return f"# 大文章{tag}\n\n{zhp}\n\n---\n\n# Big article {tag}\n\n{enp}\n".encode()


def latencies(port: int, paths: list[str], seconds: float, stop=None) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {p: [] for p in paths}
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not (stop and stop()):
        for path in paths:
            start = time.perf_counter()
            status = request(port, "GET", path, timeout=60)[0]
            assert status == 200, (path, status)
            out[path].append(time.perf_counter() - start)
        time.sleep(0.2)
    return out


def show(label: str, samples: dict[str, list[float]]) -> None:
    for path, values in samples.items():
        print(
            f"  {label:<22} GET {path:<24} n={len(values):3d}  median "
            f"{statistics.median(values) * 1000:7.1f} ms  max {max(values) * 1000:7.1f} ms"
        )


def bench_uploads(paragraphs: int = 1500) -> None:
    with tempfile.TemporaryDirectory(prefix="learnkit-bench-") as tmp:
        app = create_app({"INSTANCE_PATH": tmp, "SEEDS_DIR": str(SEEDS)})
        with app.app_context():
            items = [i.id for e in get_library().entries(get_store()) for i in e.items]
        with Store(app.config["DATABASE"]) as store:
            sid = store.create_session(None, items[:20], NOW)
        server = Server(tmp, SEEDS)
        try:
            paths = ["/", f"/quiz/{sid}"]
            latencies(server.port, paths, 2)  # warm-up
            idle = latencies(server.port, paths, 10)
            cookie, csrf = token(server.port)
            outcomes: list[tuple[int, float]] = []

            def upload(k: int) -> None:
                body = urlencode({"csrf_token": csrf, "text": big_article(paragraphs, k)})
                start = time.perf_counter()
                status = request(
                    server.port,
                    "POST",
                    "/upload/",
                    body=body,
                    headers={
                        "Cookie": cookie,
                        "Content-Type": "application/x-www-form-urlencoded",
                    },
                    timeout=600,
                )[0]
                outcomes.append((status, time.perf_counter() - start))

            size = len(big_article(paragraphs, 0))
            threads = [threading.Thread(target=upload, args=(k,)) for k in range(4)]
            for t in threads:
                t.start()
            time.sleep(0.5)
            busy = latencies(
                server.port, paths, 600, stop=lambda: not any(t.is_alive() for t in threads)
            )
            for t in threads:
                t.join()
        finally:
            server.stop()
    print(f"uploads: 4 at once of {size / 1000:.0f} KB ({paragraphs} paragraphs)")
    show("idle", idle)
    show("during 4 uploads", busy)
    for status, seconds in sorted(outcomes):
        kind = {200: "preview", 503: "busy page"}.get(status, "other")
        print(f"  upload answered {status} ({kind}) after {seconds:.1f} s")


def clone_library(instance: str, uploads: Path, n: int) -> None:
    """``n`` uploaded articles: the sample's study set under new ids, put in the cache."""
    app = create_app({"INSTANCE_PATH": instance, "SEEDS_DIR": str(SEEDS)})
    with app.app_context():
        sample = get_library().entries(get_store())[0].study_set
    text = codec.dumps(sample)
    uploads.mkdir(parents=True, exist_ok=True)
    with Store(app.config["DATABASE"]) as store:
        store.db.execute("BEGIN IMMEDIATE")
        for k in range(n):
            new_id = f"{sample.id[:-6]}{k:06d}"
            ss = codec.loads(text.replace(sample.id, new_id))
            data = (SEEDS / Path(sample.source).name).read_bytes() + f"\n<!-- {k} -->\n".encode()
            (uploads / f"{k:06d}.md").write_bytes(data)
            store.cache_study_set(content_key(data), ss, NOW)
        store.db.execute("COMMIT")
    with app.app_context():  # cards: a third of each article's items studied, half due
        library, store = get_library(), get_store()
        library.uploads = uploads
        library.seeds = None
        store.db.execute("BEGIN IMMEDIATE")
        for entry in library.entries(store):
            for j, item in enumerate(entry.items[::3]):
                due = NOW - timedelta(days=1) if j % 2 else NOW + timedelta(days=3)
                store.db.execute(
                    "INSERT INTO cards (item, article, due, data) VALUES (?, ?, ?, '')",
                    (item.id, entry.key, due.isoformat(timespec="microseconds")),
                )
        store.db.execute("COMMIT")


def bench_library(sizes=(10, 1000), requests: int = 30) -> None:
    per_page = {}
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix="learnkit-bench-") as tmp:
            empty = Path(tmp) / "no-seeds"
            empty.mkdir()
            clone_library(tmp, Path(tmp) / "uploads", n)
            server = Server(tmp, empty)
            try:
                for _ in range(3):
                    request(server.port, "GET", "/")
                times = []
                for _ in range(requests):
                    start = time.perf_counter()
                    status, _, page = request(server.port, "GET", "/")
                    times.append(time.perf_counter() - start)
                    assert status == 200
                per_page[n] = statistics.median(times)
                shown = page.count('class="card"')
            finally:
                server.stop()
        print(
            f"library: {n:5d} articles  median {per_page[n] * 1000:7.1f} ms per page "
            f"({requests} requests, {shown} articles listed on the page)"
        )
    small, large = sizes
    ratio = per_page[large] / per_page[small]
    print(f"library: ratio {large} / {small} articles = {ratio:.2f} (goal <= 5)")


def bench_wal(seconds: float) -> None:
    with tempfile.TemporaryDirectory(prefix="learnkit-bench-") as tmp:
        app = create_app({"INSTANCE_PATH": tmp, "SEEDS_DIR": str(SEEDS)})
        with app.app_context():
            items = [i.id for e in get_library().entries(get_store()) for i in e.items]
        with Store(app.config["DATABASE"]) as store:
            sids = [
                store.create_session(
                    None, [items[(k * 20 + n) % len(items)] for n in range(20)], NOW
                )
                for k in range(4000)
            ]
        server = Server(tmp, SEEDS)
        wal = Path(tmp) / "learnkit.sqlite3-wal"
        cookie, csrf = token(server.port, f"/quiz/{sids[0]}")
        stop = time.monotonic() + seconds
        done = [0, 0]

        def client(w: int) -> None:
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
            k = 0
            while time.monotonic() < stop and (k // 20) * 2 + w < len(sids):
                sid, position = sids[(k // 20) * 2 + w], k % 20
                form = {"csrf_token": csrf, "position": str(position), "answer": "错"}
                headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
                conn.request("POST", f"/quiz/{sid}/answer", body=urlencode(form), headers=headers)
                response = conn.getresponse()
                response.read()
                assert response.status == 200, response.status
                k += 1
                done[w] += 1

        threads = [threading.Thread(target=client, args=(w,)) for w in range(2)]
        try:
            for t in threads:
                t.start()
            peak = 0
            while any(t.is_alive() for t in threads):
                time.sleep(0.5)
                peak = max(peak, wal.stat().st_size if wal.exists() else 0)
            for t in threads:
                t.join()
            end = wal.stat().st_size if wal.exists() else 0
        finally:
            server.stop()
    print(
        f"wal: {sum(done)} answers in {seconds:.0f} s (2 clients): log file peak "
        f"{peak / 1e6:.1f} MB, {end / 1e6:.1f} MB at the end"
    )


def bench_connections(idle: int = 300, within: float = 60.0) -> None:
    with tempfile.TemporaryDirectory(prefix="learnkit-bench-") as tmp:
        server = Server(tmp, SEEDS)
        try:
            socks = [socket.create_connection(("127.0.0.1", server.port)) for _ in range(idle)]
            time.sleep(0.5)
            start = time.perf_counter()
            try:
                status = str(request(server.port, "GET", "/health", timeout=10)[0])
            except OSError as exc:
                status = f"no answer ({exc.__class__.__name__})"
            waited = time.perf_counter() - start
            for s in socks:
                s.close()
            trickle = socket.create_connection(("127.0.0.1", server.port))
            trickle.settimeout(1.0)
            message = b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 200
            start = time.monotonic()
            open_for = None
            for i in range(int(within)):
                try:
                    trickle.send(message[i : i + 1])
                    if trickle.recv(1) == b"":
                        open_for = time.monotonic() - start
                        break
                except TimeoutError:
                    continue
                except OSError:
                    open_for = time.monotonic() - start
                    break
            trickle.close()
        finally:
            server.stop()
    print(f"connections: GET /health with {idle} idle connections open: {status} in {waited:.2f} s")
    shown = f"closed after {open_for:.0f} s" if open_for else f"still open after {within:.0f} s"
    print(f"connections: a request trickling one byte a second: {shown}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "parts", nargs="*", help="uploads, library, wal, connections (default: all)"
    )
    parser.add_argument("--seconds", type=float, default=60.0, help="answering time for wal")
    args = parser.parse_args()
    every = ["uploads", "library", "wal", "connections"]
    parts = args.parts or every
    unknown = set(parts) - set(every)
    if unknown:
        parser.error(f"unknown part: {', '.join(sorted(unknown))}")
    if "uploads" in parts:
        bench_uploads()
    if "library" in parts:
        bench_library()
    if "wal" in parts:
        bench_wal(args.seconds)
    if "connections" in parts:
        bench_connections()


if __name__ == "__main__":
    main()
