#!/usr/bin/env python3
"""An HTTP proxy in front of moto that fails chosen AWS actions and passes every other request through.

    fault_proxy.py --upstream http://127.0.0.1:5000 --fail CreateAutoScalingGroup [--fail Action ...]
                   [--code ValidationError] [--status 400] [--after] [--port 0]

It prints its own URL (http://127.0.0.1:PORT) as the first line of stdout once it listens, so a test can point
-EndpointUrl at it. A failed action never reaches moto: the reply is the error the service itself would send, in
its protocol (EC2's XML, the Query services' ErrorResponse, or JSON for services such as SSM), so the client under
test sees an ordinary AWS error with the given code. With --after, a failed action is passed to moto first and
its reply replaced by the error: the call took effect but its answer was lost, as when a connection drops. Each request is logged to stderr as "PASS Action" or
"FAIL Action". It binds to 127.0.0.1 (or --host) and stops on SIGTERM or SIGINT.

Faults can also be switched while it runs, through its control endpoint (never forwarded):

    POST /fault-proxy/mode  {"mode": "5xx" | "throttle" | "hang" | "pass", "seconds": N, "services": ["ec2"], "actions": [...]}
    GET  /fault-proxy/mode  the fault now, and when it ends

A runtime fault applies to the requests of the given services (by the signature's scope: ec2, autoscaling, ssm...;
default ec2) and, if given, only to those actions; after N seconds (if given) it ends by itself and the proxy passes
everything again, so that the moment of "recovery" is exact (the reply's "until", Unix seconds). The modes, as EC2
fails in its own protocol:
  5xx       InternalError (500) and Unavailable (503), in turn
  throttle  RequestLimitExceeded (503)
  hang      no answer: the request is held, never forwarded, until the fault ends; then its connection is closed
            unanswered (what a client sees when a stuck endpoint is given up on). A client that gave up earlier only
            finds its socket closed; nothing of it reaches moto.
With --log FILE, every request is also one JSON line: t (Unix seconds), action, service, outcome (pass, fail, hang,
or the runtime fault's error code) and its parameters that name what a write changes (RouteTableId, InstanceId...),
so that a test can count the writes that reached moto and see that none conflicted.
"""
import argparse
import http.client
import http.server
import json
import re
import signal
import sys
import threading
import time
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


# The parameters a log line keeps: what a write names (its table, its target, its address), never a filter list.
LOGGED_FIELDS = ("RouteTableId", "DestinationCidrBlock", "InstanceId", "InstanceId.1", "NatGatewayId", "AllocationId",
                 "NetworkInterfaceId", "PrivateIpAddress.1", "AssociationId", "HealthStatus", "Name")

# Runtime fault modes: (HTTP status, EC2 error code) replies in turn; "hang" has none.
RUNTIME_REPLIES = {
    "5xx": [(500, "InternalError"), (503, "Unavailable")],
    "throttle": [(503, "RequestLimitExceeded")],
}


class RuntimeFault:
    """The fault switched at runtime: a mode, the services and actions it applies to, and when it ends by itself."""

    def __init__(self):
        self.lock = threading.Lock()
        self.mode = "pass"
        self.services = {"ec2"}
        self.actions = None
        self.until = None
        self.started = None
        self.count = 0

    def set(self, spec):
        mode = spec.get("mode", "pass")
        if mode not in ("pass", "hang") and mode not in RUNTIME_REPLIES:
            raise ValueError(f"unknown mode {mode!r}: pass, 5xx, throttle or hang")
        seconds = spec.get("seconds")
        with self.lock:
            now = time.time()
            self.mode = mode
            self.services = set(spec.get("services") or ["ec2"])
            self.actions = set(spec["actions"]) if spec.get("actions") else None
            self.started = now
            self.until = now + float(seconds) if seconds is not None and mode != "pass" else None
            self.count = 0
            return self.describe_locked(now)

    def describe_locked(self, now):
        active = self.mode != "pass" and (self.until is None or now < self.until)
        return {"mode": self.mode if active else "pass", "set_mode": self.mode, "started": self.started, "until": self.until,
                "services": sorted(self.services), "actions": sorted(self.actions) if self.actions else None, "now": now}

    def describe(self):
        with self.lock:
            return self.describe_locked(time.time())

    def applies(self, service, action):
        """The mode, reply and end for this request, or None when it passes."""
        with self.lock:
            now = time.time()
            if self.mode == "pass" or (self.until is not None and now >= self.until):
                return None
            if service not in self.services or (self.actions is not None and action not in self.actions):
                return None
            reply = None
            if self.mode in RUNTIME_REPLIES:
                replies = RUNTIME_REPLIES[self.mode]
                reply = replies[self.count % len(replies)]
            self.count += 1
            return self.mode, reply, self.until


def make_handler(upstream, fail, code, status, after, runtime=None, log_path=None):
    target = urllib.parse.urlsplit(upstream)
    runtime = runtime or RuntimeFault()
    log_lock = threading.Lock()

    def log_request(action, service, outcome, body):
        if not log_path:
            return
        fields = urllib.parse.parse_qs(body.decode("utf-8", "replace"))
        params = {k: fields[k][0] for k in LOGGED_FIELDS if k in fields}
        line = json.dumps({"t": round(time.time(), 3), "action": action, "service": service, "outcome": outcome, "params": params})
        with log_lock:
            with open(log_path, "a", encoding="utf-8") as f:
                f.write(line + "\n")

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
            if self.path.startswith("/fault-proxy/"):
                self.control(body)
                return
            action, protocol = action_of(self.headers, body)
            scope = re.search(r"Credential=[^/]+/[^/]+/[^/]+/([^/]+)/", self.headers.get("Authorization", ""))
            service = scope.group(1) if scope else ""
            if action in fail:
                log_request(action, service, "fail", body)
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
            fault = runtime.applies(service, action)
            if fault:
                mode, reply, until = fault
                if mode == "hang":
                    print(f"HANG {action}", file=sys.stderr, flush=True)
                    log_request(action, service, "hang", body)
                    # Held, unanswered, until the fault ends (or for a minute, a balancer's idle timeout, if it has no end).
                    deadline = until if until is not None else time.time() + 60
                    while time.time() < deadline and runtime.describe()["mode"] == "hang":
                        time.sleep(0.05)
                    self.close_connection = True
                    return
                fault_status, fault_code = reply
                print(f"FAIL {action}", file=sys.stderr, flush=True)
                log_request(action, service, fault_code, body)
                content_type, payload = error_reply(protocol, fault_code, f"{action}: {fault_code} from the HaNat test fault proxy")
                self.send_response(fault_status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
                return
            print(f"PASS {action or self.path}", file=sys.stderr, flush=True)
            log_request(action, service, "pass", body)
            response, payload = self.forward(body)
            self.send_response(response.status)
            for key, value in response.getheaders():
                if key.lower() not in HOP_BY_HOP and key.lower() != "content-length":
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def control(self, body):
            """The control endpoint: POST /fault-proxy/mode sets the runtime fault, GET reads it."""
            try:
                if self.path.rstrip("/") != "/fault-proxy/mode":
                    raise LookupError(f"no such control path {self.path}")
                if self.command == "POST":
                    state = runtime.set(json.loads(body.decode("utf-8") or "{}"))
                    print(f"MODE {state['set_mode']} until {state['until']}", file=sys.stderr, flush=True)
                    log_request("fault-proxy-mode", "control", state["set_mode"], b"")
                else:
                    state = runtime.describe()
                reply, code = json.dumps(state).encode(), 200
            except (ValueError, LookupError, TypeError) as error:
                reply, code = json.dumps({"error": str(error)}).encode(), 400
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

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
    parser.add_argument("--host", default="127.0.0.1", help="the address to listen on (127.0.0.1 unless told)")
    parser.add_argument("--log", help="a file to append one JSON line per request to")
    args = parser.parse_args()

    handler = make_handler(args.upstream, set(args.fail), args.code, args.status, args.after, RuntimeFault(), args.log)
    server = http.server.ThreadingHTTPServer((args.host, args.port), handler)
    server.daemon_threads = True

    def stop(*_):
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(f"http://{args.host}:{server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
