"""The upload worker pool: at most N jobs at once, the busy page beyond, a time limit."""

from __future__ import annotations

import threading
import time

import pytest
from test_web import UPLOAD, token

from learnkit.errors import ArticleError, BusyError, TimeLimitError
from learnkit.study.library import parse
from web.jobs import JobPool


@pytest.fixture
def pool():
    pool = JobPool(workers=1, time_limit=0.5)
    yield pool
    pool.close()


def occupy(pool: JobPool, seconds: float) -> threading.Thread:
    """A job holding the pool's only worker for ``seconds``."""
    thread = threading.Thread(target=pool.run, args=(time.sleep, seconds))
    thread.start()
    time.sleep(0.2)  # the slot is taken as soon as run() starts
    return thread


def test_a_job_runs_in_a_worker_process_and_errors_come_back(pool):
    import os

    pool.time_limit = 30
    assert pool.run(os.getpid) != os.getpid()
    with pytest.raises(ArticleError, match="no Chinese text found"):
        pool.run(parse, b"Just English, no Chinese at all.", "upload")


def test_a_job_beyond_the_limit_is_refused_at_once(pool):
    pool.time_limit = 30
    job = occupy(pool, 1.0)
    start = time.monotonic()
    with pytest.raises(BusyError, match="already processing 1 uploads"):
        pool.run(pow, 2, 3)
    assert time.monotonic() - start < 0.1
    job.join(10)
    assert pool.run(pow, 2, 3) == 8  # free again


def test_a_job_past_its_time_limit_is_killed(pool):
    start = time.monotonic()
    with pytest.raises(TimeLimitError, match=r"processing stopped after 0\.5 seconds"):
        pool.run(time.sleep, 30)
    assert time.monotonic() - start < 5
    pool.time_limit = 30
    assert pool.run(pow, 2, 5) == 32  # a fresh worker replaces the killed one


def upload(client):
    return client.post("/upload/", data={"csrf_token": token(client), "text": UPLOAD})


def test_busy_pool_answers_with_the_busy_page(make_app):
    app = make_app(UPLOAD_WORKERS=1, UPLOAD_TIME_LIMIT=30.0)
    job = occupy(app.extensions["learnkit.jobs"], 2.0)
    try:
        response = upload(app.test_client())
    finally:
        job.join(10)
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    assert "The server is busy processing other uploads: try again in 30 seconds" in response.text
    assert "经济政策" in response.text  # the pasted text is kept


def test_upload_past_the_time_limit_gets_a_clear_message(make_app):
    # A fresh worker process spends well over 0.25 s importing the pipeline.
    app = make_app(UPLOAD_WORKERS=1, UPLOAD_TIME_LIMIT=0.25)
    response = upload(app.test_client())
    assert response.status_code == 413
    assert (
        "This article took more than 0.25 seconds to process, so it was stopped: "
        "split it into shorter articles and try again."
    ) in response.text


@pytest.mark.parametrize("limit, same", [(10**12, True), (0, False)], ids=["kept", "recycled"])
def test_a_worker_holding_too_much_memory_is_replaced(pool, monkeypatch, limit, same):
    import os

    import web.jobs

    monkeypatch.setattr(web.jobs, "RECYCLE_BYTES", limit)
    pool.time_limit = 30
    first = pool.run(os.getpid)
    assert (pool.run(os.getpid) == first) is same
