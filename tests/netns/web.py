#!/usr/bin/env python3
"""The "internet" server of the namespace harness: answers every GET with "ok <client address>", so that a probe
behind a NAT learns which NAT carried it (the address the server saw is that NAT's uplink address, once
masqueraded). Bounded: it stops by itself after --max-seconds.

    web.py --host 198.51.100.1 --port 8080 [--max-seconds 3600]

Prints "web listening on http://HOST:PORT" when ready. Python 3 standard library only.
"""
import argparse
import http.server
import sys
import threading


class Handler(http.server.BaseHTTPRequestHandler):
    server_version = "hanat-e2e-web"
    sys_version = ""
    protocol_version = "HTTP/1.0"

    def do_GET(self):
        body = ("ok %s\n" % self.client_address[0]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt, *args):
        # Thousands of probes a minute: the log would only fill the disk.
        pass


class Server(http.server.ThreadingHTTPServer):
    # The listen backlog is fixed when the constructor binds and listens, so it is a class attribute (setting it on
    # the instance afterwards changes nothing: the socket keeps the default 5). Three probes at 20 requests a second,
    # on a loaded machine, overflow 5; the kernel then drops a SYN and the client's retransmission comes a second
    # later, past the probe's timeout: a "lost" request that no NAT lost.
    daemon_threads = True
    request_queue_size = 1024


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", required=True)
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--max-seconds", type=float, default=3600)
    args = parser.parse_args(argv)
    server = Server((args.host, args.port), Handler)
    timer = threading.Timer(args.max_seconds, server.shutdown)
    timer.daemon = True
    timer.start()
    print("web listening on http://%s:%d" % server.server_address[:2], flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    sys.exit(0)


if __name__ == "__main__":
    main()
