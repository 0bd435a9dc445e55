#!/usr/bin/env python3
"""The harness's internet gateway (-ElasticIps fabric): the one-to-one translation an AWS internet gateway does
between a private IP and the Elastic IP associated with it, taken from moto's address associations.

Every --interval seconds it reads DescribeAddresses from moto (PrivateIpAddress <-> PublicIp of every associated
address) and, when the pairs changed, rewrites two chains in the gateway's namespace in one iptables-restore:

    nat    IGW-SNAT   -s <private> -j SNAT --to-source <public>     (POSTROUTING jumps here for the internet side)
    filter IGW-OUT    -s <private> -j ACCEPT                         (FORWARD jumps here; its policy is DROP)

so the internet sees each packet from the Elastic IP of its source, and a source with no address is dropped, as an
internet gateway drops it. (The namespace, its jumps, the DROP policy and the replies' ACCEPT are the harness's,
set once: FailoverInternetGateway.ps1.) Every change is logged on stdout, one line each, with its epoch time:

    <epoch s> igw public=198.51.100.31 private=10.99.10.100 was=10.99.11.10
    <epoch s> igw public=198.51.100.31 private=none was=10.99.10.100

Bounded: stops after --max-seconds or on SIGTERM. Needs boto3; runs as root (ip netns exec).

    igw.py --endpoint URL --namespace NS [--interval 0.1] [--max-seconds 3600]
"""
import argparse
import os
import signal
import subprocess
import sys
import threading
import time

import boto3
from botocore.config import Config


def log(text):
    sys.stdout.write("%.3f igw %s\n" % (time.time(), text))
    sys.stdout.flush()


def pairs(ec2):
    """public IP -> private IP of every address associated with one."""
    found = {}
    for address in ec2.describe_addresses()["Addresses"]:
        if address.get("PrivateIpAddress") and address.get("PublicIp"):
            found[address["PublicIp"]] = address["PrivateIpAddress"]
    return found


def apply(namespace, mapping):
    lines = ["*nat", ":IGW-SNAT - [0:0]"]
    lines += ["-A IGW-SNAT -s %s/32 -j SNAT --to-source %s" % (private, public) for public, private in sorted(mapping.items())]
    lines += ["COMMIT", "*filter", ":IGW-OUT - [0:0]"]
    lines += ["-A IGW-OUT -s %s/32 -j ACCEPT" % private for private in sorted(set(mapping.values()))]
    lines += ["COMMIT", ""]
    result = subprocess.run(["ip", "netns", "exec", namespace, "iptables-restore", "-w", "5", "--noflush"],
                            input="\n".join(lines), capture_output=True, text=True, timeout=10)
    if result.returncode != 0:
        raise RuntimeError("iptables-restore in %s: %s" % (namespace, result.stderr.strip()))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--namespace", required=True)
    parser.add_argument("--region", default="us-east-1")
    parser.add_argument("--interval", type=float, default=0.1)
    parser.add_argument("--max-seconds", type=float, default=3600)
    args = parser.parse_args(argv)
    ec2 = boto3.client("ec2", endpoint_url=args.endpoint, region_name=args.region,
                       aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID", "testing"),
                       aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY", "testing"),
                       config=Config(connect_timeout=1, read_timeout=3, retries={"max_attempts": 1}))
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    applied = None
    failing = False
    deadline = time.monotonic() + args.max_seconds
    log("started namespace=%s interval=%.3f" % (args.namespace, args.interval))
    while not stop.is_set() and time.monotonic() < deadline:
        started = time.monotonic()
        try:
            mapping = pairs(ec2)
            if mapping != applied:
                apply(args.namespace, mapping)
                before = applied or {}
                for public in sorted(set(mapping) | set(before)):
                    if mapping.get(public) != before.get(public):
                        log("public=%s private=%s was=%s" % (public, mapping.get(public, "none"), before.get(public, "none")))
                applied = mapping
            if failing:
                log("moto answers again")
                failing = False
        except Exception as error:  # moto restarting: say so once, keep the last translation
            if not failing:
                log("error %s: %s" % (type(error).__name__, str(error).replace("\n", " ")[:300]))
                failing = True
        stop.wait(max(0.0, args.interval - (time.monotonic() - started)))
    log("stopped")


if __name__ == "__main__":
    main()
