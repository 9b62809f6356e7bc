"""Network hygiene through the Flask test client: trusted hosts, same-origin POSTs,
redirects without the Host header, headers on every response, the login page."""

from __future__ import annotations

import pytest
from test_web import token

from web.security import HEADERS


@pytest.fixture
def client(make_app):
    return make_app().test_client()


@pytest.mark.parametrize(
    "host, status",
    [
        ("localhost", 200),
        ("localhost:5000", 200),
        ("127.0.0.1:8080", 200),
        ("evil.example", 400),
        ("127.0.0.1.evil.example", 400),
        ("localhost.evil.example:5000", 400),
        ("", 400),
    ],
    ids=["localhost", "localhost-port", "ipv4-port", "foreign", "suffix", "prefix", "empty"],
)
def test_only_trusted_hosts_are_answered(client, host, status):
    response = client.get("/", headers={"Host": host})
    assert response.status_code == status
    if status == 400:
        assert response.text == "400 Bad Request: this server does not answer to that host name.\n"
        assert "evil" not in response.text


def test_configured_host_name_is_answered(make_app):
    from web.security import trusted_hosts

    client = make_app(TRUSTED_HOSTS=trusted_hosts(["study.lan"])).test_client()
    assert client.get("/", headers={"Host": "study.lan:5000"}).status_code == 200
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400


@pytest.mark.parametrize(
    "headers, status",
    [
        ({"Origin": "http://localhost"}, 302),
        ({"Referer": "http://localhost/upload/"}, 302),
        ({}, 302),  # not from a browser page: the CSRF token alone decides
        ({"Origin": "http://evil.example"}, 403),
        ({"Origin": "null"}, 403),
        ({"Origin": "http://localhost:5001"}, 403),
        ({"Referer": "http://evil.example/page"}, 403),
        ({"Origin": "http://evil.example", "Referer": "http://localhost/"}, 403),
    ],
    ids=[
        "same-origin",
        "same-referer",
        "no-header",
        "foreign-origin",
        "null-origin",
        "other-port",
        "foreign-referer",
        "origin-wins",
    ],
)
def test_post_from_another_origin_is_refused_even_with_a_valid_token(client, headers, status):
    response = client.post("/quiz/start", data={"csrf_token": token(client)}, headers=headers)
    assert response.status_code == status
    if status == 403:
        assert "This form was sent from another site, so it was refused." in response.text
    else:
        assert response.location.startswith("/quiz/")


def test_redirects_never_echo_the_host_header(client):
    response = client.get("/upload", headers={"Host": "127.0.0.1:5000"})  # slash redirect
    assert response.status_code == 308
    assert response.location == "/upload/"


@pytest.mark.parametrize("url", ["/", "/nope", "/boom"], ids=["page", "404", "500"])
def test_security_headers_on_every_response(make_app, url):
    app = make_app(TESTING=False)

    @app.get("/boom")
    def boom():
        raise RuntimeError("a bug")

    response = app.test_client().get(url)
    assert response.status_code == {"/": 200, "/nope": 404, "/boom": 500}[url]
    for name, value in HEADERS.items():
        assert response.headers[name] == value
    assert "a bug" not in response.text and "Traceback" not in response.text


def test_foreign_host_answer_carries_the_headers_too(client):
    response = client.get("/", headers={"Host": "evil.example"})
    assert response.headers["Content-Security-Policy"] == HEADERS["Content-Security-Policy"]


# -- the login page ----------------------------------------------------------------------


PASSWORD = "correct horse battery"


@pytest.fixture
def guarded(make_app):
    return make_app(LOGIN_PASSWORD=PASSWORD).test_client()


@pytest.mark.parametrize(
    "url, location",
    [
        ("/", "/login?next=/"),
        ("/article/x", "/login?next=/article/x"),
        ("/upload/", "/login?next=/upload/"),
    ],
    ids=["library", "article", "upload"],
)
def test_with_a_password_every_page_needs_the_login(guarded, url, location):
    response = guarded.get(url)
    assert response.status_code == 302
    assert response.location == location


@pytest.mark.parametrize("url", ["/health", "/static/style.css", "/login", "/favicon.ico"], ids=str)
def test_login_page_and_static_files_stay_open(guarded, url):
    with guarded.get(url) as response:
        assert response.status_code == 200


def login(client, password, next_="/"):
    return client.post(
        "/login",
        data={"csrf_token": token(client, "/login"), "password": password, "next": next_},
    )


def test_login_then_pages_answer(guarded):
    response = login(guarded, PASSWORD, "/upload/")
    assert response.status_code == 302 and response.location == "/upload/"
    assert guarded.get("/").status_code == 200


@pytest.mark.parametrize(
    "next_", ["//evil.example/", "http://evil.example/", "/\\evil.example"], ids=str
)
def test_login_never_redirects_to_another_site(guarded, next_):
    response = login(guarded, PASSWORD, next_)
    assert response.location == "/"


def test_wrong_password_is_refused(guarded):
    response = login(guarded, "guess")
    assert response.status_code == 403
    assert "Wrong password." in response.text
    assert guarded.get("/").status_code == 302


def test_wrong_passwords_are_throttled(guarded):
    for _ in range(10):
        assert login(guarded, "guess").status_code == 403
    response = login(guarded, PASSWORD)  # even the right one, for a minute
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    assert "Too many wrong passwords" in response.text


def test_a_new_password_signs_everyone_out(make_app, tmp_path):
    app = make_app(LOGIN_PASSWORD=PASSWORD)
    client = app.test_client()
    login(client, PASSWORD)
    assert client.get("/").status_code == 200
    app.config["LOGIN_PASSWORD"] = "another long password"
    assert client.get("/").status_code == 302
