#!/usr/bin/env python3
"""An HTTP proxy in front of moto that fails chosen AWS actions and passes every other request through.

    fault_proxy.py --upstream http://127.0.0.1:5000 --fail CreateAutoScalingGroup [--fail Action ...]
                   [--code ValidationError] [--status 400] [--after] [--port 0]

It prints its own URL (http://127.0.0.1:PORT) as the first line of stdout once it listens, so a test can point
-EndpointUrl at it. A failed action never reaches moto: the reply is the error the service itself would send, in
its protocol (EC2's XML, the Query services' ErrorResponse, or JSON for services such as SSM), so the client under
test sees an ordinary AWS error with the given code. With --after, a failed action is passed to moto first and
its reply replaced by the error: the call took effect but its answer was lost, as when a connection drops. Each request is logged to stderr as "PASS Action" or
"FAIL Action". It binds to 127.0.0.1 only and stops on SIGTERM or SIGINT.
"""
import argparse
import http.client
import http.server
import json
import re
import signal
import sys
import threading
import urllib.parse
import uuid
from xml.sax.saxutils import escape

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-authorization", "proxy-authenticate"}


def action_of(headers, body):
    """The AWS action of a request: X-Amz-Target for JSON services, Action= in a Query/EC2 form body."""
    target = headers.get("X-Amz-Target")
    if target:
        return target.rsplit(".", 1)[-1], "json"
    fields = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
    action = fields.get("Action", [""])[0]
    scope = re.search(r"Credential=[^/]+/[^/]+/[^/]+/([^/]+)/", headers.get("Authorization", ""))
    service = scope.group(1) if scope else ""
    return action, "ec2" if service == "ec2" else "query"


def error_reply(protocol, code, message):
    request_id = str(uuid.uuid4())
    if protocol == "json":
        return "application/x-amz-json-1.1", json.dumps({"__type": code, "message": message}).encode()
    if protocol == "ec2":
        body = (f"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>{escape(code)}</Code>"
                f"<Message>{escape(message)}</Message></Error></Errors><RequestID>{request_id}</RequestID></Response>")
        return "text/xml", body.encode()
    body = (f"<ErrorResponse><Error><Type>Sender</Type><Code>{escape(code)}</Code><Message>{escape(message)}</Message></Error>"
            f"<RequestId>{request_id}</RequestId></ErrorResponse>")
    return "text/xml", body.encode()


def make_handler(upstream, fail, code, status, after):
    target = urllib.parse.urlsplit(upstream)

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            self.relay()

        def do_POST(self):
            self.relay()

        def do_PUT(self):
            self.relay()

        def do_DELETE(self):
            self.relay()

        def relay(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            action, protocol = action_of(self.headers, body)
            if action in fail:
                if after:
                    self.forward(body)
                print(f"FAIL {action}", file=sys.stderr, flush=True)
                content_type, reply = error_reply(protocol, code, f"{action} refused by the HaNat test fault proxy")
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)
                return
            print(f"PASS {action or self.path}", file=sys.stderr, flush=True)
            response, payload = self.forward(body)
            self.send_response(response.status)
            for key, value in response.getheaders():
                if key.lower() not in HOP_BY_HOP and key.lower() != "content-length":
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def forward(self, body):
            connection = http.client.HTTPConnection(target.hostname, target.port, timeout=60)
            try:
                headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
                connection.request(self.command, self.path, body=body, headers=headers)
                response = connection.getresponse()
                return response, response.read()
            finally:
                connection.close()

        def log_message(self, format, *args):
            pass

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--upstream", required=True, help="moto's URL, for example http://127.0.0.1:5000")
    parser.add_argument("--fail", action="append", default=[], help="an action to fail (repeatable)")
    parser.add_argument("--code", default="ValidationError", help="the AWS error code of the failure")
    parser.add_argument("--status", type=int, default=400, help="the HTTP status of the failure")
    parser.add_argument("--after", action="store_true", help="pass a failed action to moto first, then fail its reply")
    parser.add_argument("--port", type=int, default=0, help="the port to listen on; 0 picks a free one")
    args = parser.parse_args()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(args.upstream, set(args.fail), args.code, args.status, args.after))
    server.daemon_threads = True

    def stop(*_):
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(f"http://127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
