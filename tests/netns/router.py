#!/usr/bin/env python3
"""The harness's VPC router: makes a route change made through the EC2 API move real packets.

Every --interval seconds it reads the private route tables from moto, finds each table's 0.0.0.0/0 target, maps
that instance (DescribeInstances) or NAT gateway (DescribeNatGateways) to its private IP, and sets the default
route of the private host namespace that the table serves:

    ip -n <namespace> route replace default via <private IP>     a running instance, an available NAT gateway
    ip -n <namespace> route replace blackhole default             no route, no such target, an instance not
                                                                  running, a gateway pending/deleting/deleted/failed

(EC2 shows a route to a stopped or terminated instance, or to a deleted NAT gateway, as a blackhole; moto keeps
calling it active, so the router asks for the target's state itself, once a second; a new target's address at
once.) The config file is JSON:

    {"endpoint": "http://10.99.255.1:5000", "region": "us-east-1",
     "tables": [{"routeTableId": "rtb-...", "namespace": "hnt-x-priv-a", "zone": "us-east-1a"}, ...],
     "natGatewayAddresses": {"nat-...": "10.99.10.5", ...}}

natGatewayAddresses (optional, re-read whenever the file changes): the address the harness gave each NAT
gateway's namespace. moto gives a gateway a random 10.x.y.z outside its subnet and ignores the address asked
for, so the harness picks one in the gateway's subnet; a gateway not listed is reached at moto's address.

Every change is logged on stdout, one line each, with the epoch time it was applied:

    <epoch s> router table=rtb-... zone=us-east-1a namespace=... target=i-... via=10.99.11.10 was=10.99.10.10
    <epoch s> router table=rtb-... zone=us-east-1a namespace=... target=nat-... via=blackhole was=10.99.10.5

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
                found[table["RouteTableId"]] = (route.get("InstanceId") or route.get("NatGatewayId")
                                                or ("eni:" + route["NetworkInterfaceId"] if route.get("NetworkInterfaceId") else None))
    return found


def next_hops(ec2, targets, gateway_addresses=None):
    """target -> private IP for every target that is a running instance or an available NAT gateway."""
    instance_ids = sorted({t for t in targets if t and t.startswith("i-")})
    gateway_ids = sorted({t for t in targets if t and t.startswith("nat-")})
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
    if gateway_ids:
        # An unknown id is left out of the answer, not an error: it stays a blackhole.
        for gateway in ec2.describe_nat_gateways(NatGatewayIds=gateway_ids)["NatGateways"]:
            addresses = gateway.get("NatGatewayAddresses") or [{}]
            address = (gateway_addresses or {}).get(gateway["NatGatewayId"]) or addresses[0].get("PrivateIp")
            if gateway.get("State") == "available" and address:
                hops[gateway["NatGatewayId"]] = address
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
    config_read = os.stat(args.config).st_mtime_ns
    tables = {t["routeTableId"]: t for t in config["tables"]}
    gateway_addresses = config.get("natGatewayAddresses") or {}
    ec2 = ec2_client(config)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    applied = {}  # table id -> via (None = blackhole) as last set
    hops = {}  # target -> private IP of a running instance or available gateway; the IP never changes, the state may
    hops_read = float("-inf")
    failing = False
    deadline = time.monotonic() + args.max_seconds
    log("started tables=%s interval=%.3f" % (",".join(sorted(tables)), args.interval))
    while not stop.is_set() and time.monotonic() < deadline:
        started = time.monotonic()
        try:
            # The harness adds a NAT gateway's address when it makes one (a stat per beat, a read on a change).
            changed = os.stat(args.config).st_mtime_ns
            if changed != config_read:
                with open(args.config) as handle:
                    gateway_addresses = json.load(handle).get("natGatewayAddresses") or {}
                config_read, hops_read = changed, float("-inf")
            targets = default_targets(ec2, tables)
            # One DescribeRouteTables per beat; the instances and gateways only when a target is new, and once a
            # second for their states (a target that stops running becomes a blackhole within a second).
            if any(t and t not in hops for t in targets.values()) or time.monotonic() - hops_read >= 1.0:
                hops = next_hops(ec2, targets.values(), gateway_addresses)
                hops_read = time.monotonic()
                # The routes are read again after the states: a route moved off an instance just before that instance
                # stopped (Remove-HaNatVpc puts a table back on its NAT gateway, then the group's NATs go) must not
                # pair the old route with the new state, a blackhole that EC2 never had.
                targets = default_targets(ec2, tables)
                if any(t and t not in hops for t in targets.values()):
                    hops.update(next_hops(ec2, [t for t in targets.values() if t not in hops], gateway_addresses))
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
