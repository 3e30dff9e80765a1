"""A local http server for feed tests: no network, answers from 127.0.0.1."""

from __future__ import annotations

import http.server
import json
from typing import Any
from urllib.parse import parse_qs, urlsplit


class FeedServer:
    """A local http server: answers each path with the JSON or bytes it is given and
    remembers the queries it was asked."""

    def __init__(self) -> None:
        self.routes: dict[str, Any] = {}
        self.queries: list[dict[str, list[str]]] = []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                server.queries.append(parse_qs(parts.query))
                answer = server.routes.get(parts.path)
                if answer is None:
                    self.send_error(404)
                    return
                if callable(answer):
                    answer(self)
                    return
                body = answer if isinstance(answer, bytes) else json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
