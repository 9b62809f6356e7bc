"""waitress, guarded against connections that hold it hostage (the only module importing it).

waitress stops accepting once ``connection_limit`` sockets are open, so that many idle
clients lock everyone out, and it closes a connection only after ``channel_timeout``
seconds of *silence*, so one that sends a byte now and then stays forever. Here, at the
limit, the connections idle the longest (no request running) are closed to make room;
a connection idle for ``idle_timeout`` seconds is closed; and a request whose headers and
body have not all arrived within ``request_timeout`` seconds is dropped.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from waitress import create_server
from waitress.channel import HTTPChannel
from waitress.server import TcpWSGIServer


@dataclass(frozen=True)
class Limits:
    threads: int = 8  # request threads (uploads are parsed by separate worker processes)
    connection_limit: int = 200
    idle_timeout: int = 30  # seconds a keep-alive connection may stay silent
    request_timeout: float = 20.0  # seconds to send one request's headers and body
    cleanup_interval: int = 2  # seconds between looks at every connection
    shed: int = 20  # connections closed at once when the limit is reached


class GuardedChannel(HTTPChannel):
    request_started = 0.0  # when the first byte of the request being received came

    def received(self, data: bytes) -> bool:
        if self.request is None and data:
            self.request_started = time.time()
        return super().received(data)


class GuardedServer(TcpWSGIServer):
    channel_class = GuardedChannel
    request_timeout = Limits.request_timeout
    shed = Limits.shed

    def maintenance(self, now: float) -> None:
        super().maintenance(now)  # idle for channel_timeout: closed
        for channel in list(self.active_channels.values()):
            trickling = channel.request is not None and not channel.requests
            if trickling and now - channel.request_started > self.request_timeout:
                channel.will_close = True

    def readable(self) -> bool:
        if self.accepting and len(self._map) >= self.adj.connection_limit:
            idle = sorted(
                (c for c in self.active_channels.values() if not c.requests and not c.will_close),
                key=lambda c: c.last_activity,
            )
            for channel in idle[: self.shed]:
                channel.will_close = True  # closed by the loop's next write pass
        return super().readable()


def make_server(app: Any, host: str, port: int, limits: Limits = Limits()) -> Any:
    """A waitress server for ``app`` on ``host:port`` with the guards above (OSError if
    the address cannot be used)."""
    server = create_server(
        app,
        host=host,
        port=port,
        threads=limits.threads,
        connection_limit=limits.connection_limit,
        channel_timeout=limits.idle_timeout,
        cleanup_interval=limits.cleanup_interval,
        ident="LearnKit",
    )
    # create_server has no parameter for the server class: adopt the subclass, which adds
    # behaviour only (one TcpWSGIServer per address the host name resolves to).
    listeners = [server] if isinstance(server, TcpWSGIServer) else list(server.map.values())
    for listener in listeners:
        if type(listener) is TcpWSGIServer:
            listener.__class__ = GuardedServer
            listener.request_timeout = limits.request_timeout
            listener.shed = limits.shed
    return server
