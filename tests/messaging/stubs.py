"""Stand-ins for tests only: an SMTP server that accepts, refuses or never answers, and an
OpenAI-compatible chat endpoint (both listen on 127.0.0.1 on a free port and stop with the test), and
toy models for the tone coach's learned second opinion."""

from __future__ import annotations

import json
import socketserver
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _SmtpHandler(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        server = self.server
        if server.mode == "silent":  # type: ignore[attr-defined]
            time.sleep(3)
            return
        self._say("220 stub ESMTP")
        data_mode, lines = False, []
        while True:
            raw = self.rfile.readline()
            if not raw:
                return
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            if data_mode:
                if line == ".":
                    server.received.append("\n".join(lines))  # type: ignore[attr-defined]
                    data_mode, lines = False, []
                    self._say("250 queued")
                else:
                    lines.append(line)
                continue
            verb = line[:4].upper()
            if verb in ("EHLO", "HELO"):
                self._say("250-stub\r\n250 8BITMIME")
            elif verb == "MAIL":
                self._say("250 OK")
            elif verb == "RCPT":
                if server.mode == "refuse":  # type: ignore[attr-defined]
                    self._say("550 5.1.1 mailbox unavailable")
                else:
                    self._say("250 OK")
            elif verb == "DATA":
                data_mode = True
                self._say("354 go ahead")
            elif verb == "QUIT":
                self._say("221 bye")
                return
            else:
                self._say("250 OK")

    def _say(self, text: str) -> None:
        self.wfile.write((text + "\r\n").encode())


class _QuietTCPServer(socketserver.ThreadingTCPServer):
    """A client that gave up (a timeout test) makes the handler's late write fail: that is expected, and
    must not print a traceback into whatever stderr another test is capturing at that moment."""

    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass


class _QuietHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass


class SmtpStub:
    def __init__(self, mode: str = "accept") -> None:
        self.server = _QuietTCPServer(("127.0.0.1", 0), _SmtpHandler)
        self.server.daemon_threads = True
        self.server.mode = mode  # type: ignore[attr-defined]
        self.server.received = []  # type: ignore[attr-defined]
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def received(self) -> list[str]:
        return self.server.received  # type: ignore[attr-defined]

    def __enter__(self) -> SmtpStub:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


class _ChatHandler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length", "0"))
        body = json.loads(self.rfile.read(length) or b"{}")
        self.server.requests.append({"path": self.path, "body": body,  # type: ignore[attr-defined]
                                     "auth": self.headers.get("Authorization")})
        mode = self.server.mode  # type: ignore[attr-defined]
        if mode == "slow":
            time.sleep(2)
        if mode == "error":
            self.send_response(500)
            self.end_headers()
            self.wfile.write(b"oops")
            return
        payload = {"choices": [{"message": {"role": "assistant", "content": self.server.reply}}]}  # type: ignore[attr-defined]
        raw = b"not json" if mode == "garbage" else json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(raw)

    def log_message(self, *args: object) -> None:
        pass


class ChatStub:
    def __init__(self, mode: str = "ok", reply: str = "Hi Sam, could you let me know when the payment is planned?"):
        self.server = _QuietHTTPServer(("127.0.0.1", 0), _ChatHandler)
        self.server.daemon_threads = True
        self.server.mode, self.server.reply, self.server.requests = mode, reply, []  # type: ignore[attr-defined]
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def requests(self) -> list[dict]:
        return self.server.requests  # type: ignore[attr-defined]

    def __enter__(self) -> ChatStub:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def toy_model(weights: dict[str, list[float]], bias: float = -4.0):
    """A learned second opinion over the shipped categories where only the given features weigh."""
    from amicable.messaging.tone import learned

    cats = list(learned.model().categories)
    return learned.Model.from_json({"categories": cats, "threshold": 0.8, "bias": [bias] * len(cats),
                                    "weights": weights})


def one_word_model(word: str, category: str):
    """A toy model in which ``word`` alone makes a sentence read as ``category``."""
    from amicable.messaging.tone import learned

    return toy_model({word: [6.0 if c == category else 0.0 for c in learned.model().categories]})

