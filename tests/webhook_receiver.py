"""A real HTTP receiver of webhooks on 127.0.0.1, in a thread: records what it is sent, answers as told."""

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Receiver:
    url: str
    status: int = 204
    # Set to hold every request unanswered until released (a target that never answers).
    hang: threading.Event | None = None
    hits: list = field(default_factory=list)
    arrived: threading.Event = field(default_factory=threading.Event)

    def bodies(self) -> list[bytes]:
        return [body for _, body in self.hits]


def handler_for(receiver: Receiver):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            headers = {name.lower(): value for name, value in self.headers.items()}
            receiver.hits.append(({**headers, ":path": self.path}, body))
            receiver.arrived.set()
            if receiver.hang is not None:
                receiver.hang.wait(30)
                return
            self.send_response(receiver.status)
            if 300 <= receiver.status < 400:
                self.send_header("Location", "/redirected")
            self.send_header("Content-Length", "4000")
            self.end_headers()
            self.wfile.write(b"x" * 4000)

        def log_message(self, *args):
            pass

    return Handler


@pytest.fixture
def receiver():
    server = ThreadingHTTPServer(("127.0.0.1", 0), None)
    found = Receiver(url=f"http://127.0.0.1:{server.server_port}/hook")
    server.RequestHandlerClass = handler_for(found)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield found
    if found.hang is not None:
        found.hang.set()
    server.shutdown()
    server.server_close()
