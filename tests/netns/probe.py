#!/usr/bin/env python3
"""The private host's egress probe: starts a new HTTP request to the internet server every --interval seconds
(each in its own thread with its own short timeout, so that one stuck request never delays the next), and writes
one line per request as it ends:

    <start epoch s> <end epoch s> ok <address the server saw>
    <start epoch s> <end epoch s> fail <reason>

The server answers "ok <client address>": behind a NAT that address is the NAT's uplink address, so each line
also says which NAT carried the request. Bounded: stops after --max-seconds, on SIGTERM, or when more than
--max-inflight requests hang at once (it then skips a beat rather than pile threads up).

    probe.py --url http://198.51.100.1:8080/ --log FILE [--interval 0.05] [--timeout 1] [--max-seconds 900] [--hold 0]

With --hold S, each request is sent in two parts S seconds apart (the request line and a first header, then the
rest): a request that straddles a route's move sends packets of one TCP connection both before and after it, so it
only succeeds if that connection still reaches the NAT that opened it (a slow client, as a large upload would be).

Python 3 standard library only.
"""
import argparse
import http.client
import signal
import socket
import threading
import time
import urllib.parse


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--interval", type=float, default=0.05)
    parser.add_argument("--timeout", type=float, default=1.0)
    parser.add_argument("--max-seconds", type=float, default=900)
    parser.add_argument("--max-inflight", type=int, default=64)
    parser.add_argument("--hold", type=float, default=0.0)
    args = parser.parse_args(argv)

    url = urllib.parse.urlsplit(args.url)
    host, port, path = url.hostname, url.port or 80, url.path or "/"
    lock = threading.Lock()
    inflight = threading.BoundedSemaphore(args.max_inflight)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    log = open(args.log, "a", buffering=1)

    def write(start, outcome):
        with lock:
            log.write("%.3f %.3f %s\n" % (start, time.time(), outcome))

    def held(start):
        # The request in two parts, --hold apart, on one connection; then the answer, read to its end.
        with socket.create_connection((host, port), timeout=args.timeout) as sock:
            sock.sendall(("GET %s HTTP/1.0\r\nHost: %s\r\n" % (path, host)).encode())
            time.sleep(args.hold)
            sock.sendall(b"Connection: close\r\n\r\n")
            answer = b""
            while True:
                chunk = sock.recv(4096)
                if not chunk:
                    break
                answer += chunk
        head, _, body = answer.decode(errors="replace").partition("\r\n\r\n")
        status = head.split(" ", 2)[1] if head.startswith("HTTP/") and len(head.split(" ", 2)) > 1 else "0"
        body = body.strip()
        if status == "200" and body.startswith("ok "):
            write(start, "ok " + body[3:].split()[0])
        else:
            write(start, "fail http-%s" % status)

    def one(start):
        if args.hold > 0:
            try:
                held(start)
            except socket.timeout:
                write(start, "fail timeout")
            except OSError as error:
                write(start, "fail %s" % (type(error).__name__,))
            finally:
                inflight.release()
            return
        try:
            connection = http.client.HTTPConnection(host, port, timeout=args.timeout)
            try:
                connection.request("GET", path, headers={"Connection": "close"})
                response = connection.getresponse()
                body = response.read(200).decode(errors="replace").strip()
            finally:
                connection.close()
            if response.status == 200 and body.startswith("ok "):
                write(start, "ok " + body[3:].split()[0])
            else:
                write(start, "fail http-%d" % response.status)
        except socket.timeout:
            write(start, "fail timeout")
        except OSError as error:
            write(start, "fail %s" % (type(error).__name__,))
        finally:
            inflight.release()

    deadline = time.monotonic() + args.max_seconds
    next_tick = time.monotonic()
    while not stop.is_set() and time.monotonic() < deadline:
        if inflight.acquire(blocking=False):
            threading.Thread(target=one, args=(time.time(),), daemon=True).start()
        next_tick += args.interval
        delay = next_tick - time.monotonic()
        if delay > 0:
            stop.wait(delay)
        else:
            next_tick = time.monotonic()
    # Let the last requests finish (they end within their timeout) so that their lines are written.
    end = time.monotonic() + args.timeout + 0.5
    while threading.active_count() > 1 and time.monotonic() < end:
        time.sleep(0.05)
    log.close()


if __name__ == "__main__":
    main()
