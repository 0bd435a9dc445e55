#!/usr/bin/env python3
"""The harness's VPC router: makes a route change made through the EC2 API move real packets.

Every --interval seconds it reads the private route tables from moto, finds each table's 0.0.0.0/0 target, maps
that instance to its private IP (DescribeInstances), and sets the default route of the private host namespace
that the table serves:

    ip -n <namespace> route replace default via <private IP>     target is a running instance
    ip -n <namespace> route replace blackhole default             no route, no such instance, or not running

(EC2 shows a route to a stopped or terminated instance as a blackhole; moto keeps calling it active, so the
router asks for the instance's state itself, once a second; a new target's address at once.) The config file is JSON:

    {"endpoint": "http://10.99.255.1:5000", "region": "us-east-1",
     "tables": [{"routeTableId": "rtb-...", "namespace": "hnt-x-priv-a", "zone": "us-east-1a"}, ...]}

Every change is logged on stdout, one line each, with the epoch time it was applied:

    <epoch s> router table=rtb-... zone=us-east-1a namespace=... target=i-... via=10.99.11.10 was=10.99.10.10

Bounded: stops after --max-seconds or on SIGTERM. Needs boto3; runs as root (ip -n).
"""
import argparse
import json
import os
import signal
import subprocess
import sys
import threading
import time

import boto3
from botocore.config import Config


def log(text):
    sys.stdout.write("%.3f router %s\n" % (time.time(), text))
    sys.stdout.flush()


def ec2_client(config):
    return boto3.client(
        "ec2",
        endpoint_url=config["endpoint"],
        region_name=config.get("region", "us-east-1"),
        aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID", "testing"),
        aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY", "testing"),
        config=Config(connect_timeout=1, read_timeout=3, retries={"max_attempts": 1}),
    )


def default_targets(ec2, table_ids):
    """route table id -> instance id (or None) of its 0.0.0.0/0 route."""
    found = {table_id: None for table_id in table_ids}
    for table in ec2.describe_route_tables(RouteTableIds=list(table_ids))["RouteTables"]:
        for route in table.get("Routes", []):
            if route.get("DestinationCidrBlock") == "0.0.0.0/0":
                found[table["RouteTableId"]] = route.get("InstanceId") or ("eni:" + route["NetworkInterfaceId"] if route.get("NetworkInterfaceId") else None)
    return found


def next_hops(ec2, targets):
    """target -> private IP for every target that is a running instance."""
    instance_ids = sorted({t for t in targets if t and t.startswith("i-")})
    eni_ids = sorted({t[4:] for t in targets if t and t.startswith("eni:")})
    hops = {}
    if instance_ids:
        try:
            reservations = ec2.describe_instances(InstanceIds=instance_ids)["Reservations"]
        except ec2.exceptions.ClientError:
            # One unknown id fails the whole call: ask one by one.
            reservations = []
            for instance_id in instance_ids:
                try:
                    reservations += ec2.describe_instances(InstanceIds=[instance_id])["Reservations"]
                except ec2.exceptions.ClientError:
                    pass
        for reservation in reservations:
            for instance in reservation["Instances"]:
                if instance["State"]["Name"] == "running" and instance.get("PrivateIpAddress"):
                    hops[instance["InstanceId"]] = instance["PrivateIpAddress"]
    for eni in eni_ids:
        try:
            interface = ec2.describe_network_interfaces(NetworkInterfaceIds=[eni])["NetworkInterfaces"][0]
            hops["eni:" + eni] = interface["PrivateIpAddress"]
        except (ec2.exceptions.ClientError, IndexError, KeyError):
            pass
    return hops


def set_default(namespace, via):
    if via:
        command = ["ip", "-n", namespace, "route", "replace", "default", "via", via]
    else:
        command = ["ip", "-n", namespace, "route", "replace", "blackhole", "default"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=10)
    if result.returncode != 0:
        raise RuntimeError("%s: %s" % (" ".join(command), result.stderr.strip()))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--interval", type=float, default=0.1)
    parser.add_argument("--max-seconds", type=float, default=3600)
    args = parser.parse_args(argv)
    with open(args.config) as handle:
        config = json.load(handle)
    tables = {t["routeTableId"]: t for t in config["tables"]}
    ec2 = ec2_client(config)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    applied = {}  # table id -> via (None = blackhole) as last set
    hops = {}  # target -> private IP of a running instance; an instance's IP never changes, its state may
    hops_read = float("-inf")
    failing = False
    deadline = time.monotonic() + args.max_seconds
    log("started tables=%s interval=%.3f" % (",".join(sorted(tables)), args.interval))
    while not stop.is_set() and time.monotonic() < deadline:
        started = time.monotonic()
        try:
            targets = default_targets(ec2, tables)
            # One DescribeRouteTables per beat; the instances only when a target is new, and once a second for
            # their states (a target that stops running becomes a blackhole within a second).
            if any(t and t not in hops for t in targets.values()) or time.monotonic() - hops_read >= 1.0:
                hops = next_hops(ec2, targets.values())
                hops_read = time.monotonic()
            for table_id, target in sorted(targets.items()):
                via = hops.get(target) if target else None
                if table_id in applied and applied[table_id] == via:
                    continue
                entry = tables[table_id]
                set_default(entry["namespace"], via)
                log("table=%s zone=%s namespace=%s target=%s via=%s was=%s" % (
                    table_id, entry.get("zone", "?"), entry["namespace"], target or "none", via or "blackhole",
                    applied.get(table_id, "unset") or "blackhole"))
                applied[table_id] = via
            if failing:
                log("moto answers again")
                failing = False
        except Exception as error:  # moto restarting, a namespace going away: say so once, keep the last routes
            if not failing:
                log("error %s: %s" % (type(error).__name__, str(error).replace("\n", " ")[:300]))
                failing = True
        stop.wait(max(0.0, args.interval - (time.monotonic() - started)))
    log("stopped")


if __name__ == "__main__":
    main()
