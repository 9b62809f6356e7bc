"""The library page in pages: the same cost in any library, due counts from one query."""

from __future__ import annotations

import re

import pytest
from test_web import HOSTILE, UPLOAD, token

import web.browse


@pytest.fixture
def client(make_app, monkeypatch):
    monkeypatch.setattr(web.browse, "PAGE_SIZE", 1)
    client = make_app().test_client()
    for text in (UPLOAD, HOSTILE):
        data = {"csrf_token": token(client), "text": text}
        assert client.post("/upload/save", data=data).status_code == 302
    return client


def listed(page: str) -> list[str]:
    return re.findall(r'<li class="card" data-article="([^"]+)"', page)


@pytest.mark.parametrize(
    "query, page, prev, next_",
    [
        ("", 1, False, True),
        ("?page=2", 2, True, True),
        ("?page=3", 3, True, False),
        ("?page=99", 3, True, False),
        ("?page=0", 1, False, True),
        ("?page=abc", 1, False, True),
    ],
    ids=["first", "middle", "last", "past-the-end", "zero", "not-a-number"],
)
def test_library_is_listed_in_pages(client, query, page, prev, next_):
    text = client.get("/" + query).text
    assert len(listed(text)) == 1
    assert f"Page {page} of 3 (3 articles)" in text
    assert (f'href="/?page={page - 1}" rel="prev"' in text) is prev
    assert (f'href="/?page={page + 1}" rel="next"' in text) is next_


def test_every_article_is_on_exactly_one_page(client):
    keys = [k for n in (1, 2, 3) for k in listed(client.get(f"/?page={n}").text)]
    assert len(set(keys)) == 3
