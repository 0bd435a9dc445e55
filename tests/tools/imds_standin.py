#!/usr/bin/env python3
"""An IMDSv2-only instance metadata stand-in for tests (moto has none).

PUT /latest/api/token with X-aws-ec2-metadata-token-ttl-seconds returns a token; every GET under /latest/meta-data/
must carry X-aws-ec2-metadata-token equal to an issued, unexpired token, else 401 -- so an IMDSv1 read (no token)
fails as it does on an instance launched with HttpTokens=required. dynamic/instance-identity/document is served
too, for SDKs that read the region there. Values come from the command line.

    imds_standin.py --instance-id i-0abc --zone us-east-1a --mac 0e:00:00:00:00:01 --vpc-id vpc-1 \
        --vpc-cidr 10.99.0.0/16 [--vpc-cidr ...] [--eni eni-1] [--region us-east-1] [--role hanat-nat] \
        [--host 127.0.0.1] [--port 0] [--overrides FILE]

--overrides FILE: a JSON object of metadata path -> text, laid over the tree (a null value, or a path left out, is
the usual tree; a path the tree lacks is 404, as spot/instance-action is on AWS while there is no notice). The file
is re-read whenever it changes (a missing or half-written file counts as no overrides), so that a test can flip
autoscaling/target-lifecycle-state from InService to Terminated, or post a spot notice, while a monitor runs.

Prints "imds-standin listening on http://HOST:PORT" on stdout when ready (port 0 picks a free one).
Python 3 standard library only.
"""
import argparse
import datetime
import http.server
import json
import os
import secrets
import sys
import threading
import time

TOKEN_PATH = "/latest/api/token"
META_PREFIX = "/latest/meta-data/"
IDENTITY_PATH = "/latest/dynamic/instance-identity/document"
TTL_HEADER = "X-aws-ec2-metadata-token-ttl-seconds"
TOKEN_HEADER = "X-aws-ec2-metadata-token"


def build_tree(args):
    """The metadata served, as path -> text. A path ending in '/' lists its children, as IMDS does."""
    mac = args.mac.lower()
    interface = "network/interfaces/macs/%s/" % mac
    expiration = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=6)).strftime("%Y-%m-%dT%H:%M:%SZ")
    credentials = {
        "Code": "Success",
        "LastUpdated": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "Type": "AWS-HMAC",
        "AccessKeyId": "ASIAIMDSSTANDIN00001",
        "SecretAccessKey": "imds-standin-fake-secret-key-not-real-000000",
        "Token": "imds-standin-fake-session-token",
        "Expiration": expiration,
    }
    leaves = {
        "instance-id": args.instance_id,
        "placement/availability-zone": args.zone,
        "placement/region": args.region or args.zone[:-1],
        "mac": mac,
        # What an Auto Scaling group's instance reads; InService until the group starts to terminate it.
        "autoscaling/target-lifecycle-state": "InService",
        interface + "vpc-id": args.vpc_id,
        interface + "vpc-ipv4-cidr-block": args.vpc_cidr[0],
        interface + "vpc-ipv4-cidr-blocks": "\n".join(args.vpc_cidr),
        interface + "interface-id": args.eni,
        interface + "mac": mac,
        "iam/security-credentials/" + args.role: json.dumps(credentials, indent=2),
        "iam/info": json.dumps({
            "Code": "Success",
            "LastUpdated": credentials["LastUpdated"],
            "InstanceProfileArn": "arn:aws:iam::123456789012:instance-profile/" + args.role,
            "InstanceProfileId": "AIPAIMDSSTANDIN00001",
        }, indent=2),
    }
    return leaves


def with_listings(leaves):
    """The leaves plus their directory listings (path -> text)."""
    tree = dict(leaves)
    # Directory listings: every parent of a leaf lists its direct children, sub-directories with a trailing '/'.
    for path in leaves:
        parts = path.split("/")
        for depth in range(len(parts)):
            directory = "/".join(parts[:depth]) + ("/" if depth else "")
            child = parts[depth] + ("/" if depth < len(parts) - 1 else "")
            listing = tree.setdefault(directory, [])
            if isinstance(listing, list) and child not in listing:
                listing.append(child)
    return {path: ("\n".join(value) if isinstance(value, list) else value) for path, value in tree.items()}


class Metadata:
    """The tree served: the leaves from the command line with the overrides file's leaves laid over them, rebuilt
    whenever the file's modification time or size changes."""

    def __init__(self, leaves, overrides_path):
        self._leaves = leaves
        self._path = overrides_path
        self._lock = threading.Lock()
        self._stamp = None
        self._tree = with_listings(leaves)

    def _read_overrides(self):
        try:
            with open(self._path) as handle:
                value = json.load(handle)
        except (OSError, ValueError):
            # Missing, or caught half-written: no overrides (the next change is read again).
            return {}
        if not isinstance(value, dict):
            return {}
        return {str(k).strip("/"): str(v) for k, v in value.items() if v is not None}

    def tree(self):
        if not self._path:
            return self._tree
        try:
            info = os.stat(self._path)
            stamp = (info.st_mtime_ns, info.st_size)
        except OSError:
            stamp = None
        with self._lock:
            if stamp != self._stamp:
                leaves = dict(self._leaves)
                leaves.update(self._read_overrides())
                self._tree = with_listings(leaves)
                self._stamp = stamp
            return self._tree


class Tokens:
    def __init__(self):
        self._lock = threading.Lock()
        self._expiry = {}

    def issue(self, ttl):
        token = secrets.token_urlsafe(32)
        with self._lock:
            self._expiry[token] = time.monotonic() + ttl
        return token

    def valid(self, token):
        with self._lock:
            expiry = self._expiry.get(token)
            return expiry is not None and expiry > time.monotonic()


def identity_document(args):
    """What the AWS SDKs read for the region (dynamic/instance-identity/document)."""
    return json.dumps({
        "accountId": "123456789012",
        "architecture": "x86_64",
        "availabilityZone": args.zone,
        "imageId": "ami-00000000000000001",
        "instanceId": args.instance_id,
        "instanceType": "t3.nano",
        "region": args.region or args.zone[:-1],
        "version": "2017-09-30",
    }, indent=2)


def make_handler(metadata, tokens, identity):
    class Handler(http.server.BaseHTTPRequestHandler):
        server_version = "EC2ws"
        sys_version = ""

        def _send(self, status, body="", headers=None):
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        def do_PUT(self):
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            if self.path != TOKEN_PATH:
                return self._send(404, "Not Found")
            # Requests that come through a proxy are refused by IMDS; so are they here.
            if self.headers.get("X-Forwarded-For"):
                return self._send(403, "Forbidden")
            ttl = self.headers.get(TTL_HEADER)
            try:
                seconds = int(ttl)
            except (TypeError, ValueError):
                return self._send(400, "Bad Request: %s is required" % TTL_HEADER)
            if not 1 <= seconds <= 21600:
                return self._send(400, "Bad Request: %s must be 1..21600" % TTL_HEADER)
            return self._send(200, tokens.issue(seconds), {TTL_HEADER: str(seconds)})

        def do_GET(self):
            path = self.path.split("?", 1)[0]
            if path == IDENTITY_PATH:
                if not tokens.valid(self.headers.get(TOKEN_HEADER)):
                    return self._send(401, "Unauthorized")
                return self._send(200, identity)
            if not path.startswith(META_PREFIX) and path.rstrip("/") != META_PREFIX.rstrip("/"):
                return self._send(404, "Not Found")
            if not tokens.valid(self.headers.get(TOKEN_HEADER)):
                return self._send(401, "Unauthorized")
            key = path[len(META_PREFIX):] if path.startswith(META_PREFIX) else ""
            tree = metadata.tree()
            value = tree.get(key)
            if value is None and not key.endswith("/"):
                value = tree.get(key + "/")
            if value is None:
                return self._send(404, "Not Found")
            return self._send(200, value)

        do_HEAD = do_GET

        def do_POST(self):
            self._send(405, "Method Not Allowed")

        def log_message(self, fmt, *args):
            sys.stderr.write("imds-standin: %s %s\n" % (self.address_string(), fmt % args))

    return Handler


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instance-id", required=True)
    parser.add_argument("--zone", required=True, help="availability zone, e.g. us-east-1a")
    parser.add_argument("--region", help="defaults to the zone without its letter")
    parser.add_argument("--mac", required=True, help="the primary interface's MAC")
    parser.add_argument("--vpc-id", required=True)
    parser.add_argument("--vpc-cidr", action="append", required=True, help="repeat for each IPv4 CIDR block of the VPC")
    parser.add_argument("--eni", default="eni-00000000000000001", help="the primary interface's id")
    parser.add_argument("--role", default="hanat-nat", help="instance profile role name")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--overrides", help="JSON file of path -> text laid over the tree, re-read when it changes")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    server = http.server.ThreadingHTTPServer((args.host, args.port), make_handler(Metadata(build_tree(args), args.overrides), Tokens(), identity_document(args)))
    server.daemon_threads = True
    host, port = server.server_address[:2]
    print("imds-standin listening on http://%s:%d" % (host, port), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
