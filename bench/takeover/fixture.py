#!/usr/bin/env python3
"""Helpers for bench/takeover/run.sh: the moto fixture, the check after a takeover, the recording, the timer.

  fixture.py build URL                  reset moto, build the fixture, print "NEW_ID VPC_ID RTB_ID SUBNET_A SUBNET_B"
  fixture.py verify URL NEW_ID SUBNET.. exit 1 unless every subnet's table sends 0.0.0.0/0 to NEW_ID
  fixture.py recorder URL start|stop|clear
  fixture.py calls URL NEW_ID           read moto's recording: "CALLS ORDER ACTIONS" (ORDER: sdc-first|route-first|...)
  fixture.py time OUT -- CMD ARGS..     run CMD (stdout+stderr to OUT), print "WALL CPU" in seconds: its wall time
                                        (monotonic clock) and the user+system CPU time of it and all its children

The fixture (built by tests/tools/vpc_fixture.py takeover): one VPC, one zone, a public subnet holding the NATs, two private subnets (tag network=private) that
share ONE route table whose 0.0.0.0/0 goes to an old NAT instance, terminated; and a running replacement NAT.
"""
import base64
import json
import os
import resource
import subprocess
import sys
import time
import urllib.parse
import urllib.request

REGION = "us-east-1"
ROUTE_WRITES = ("CreateRoute", "ReplaceRoute")


def post(url, path):
    request = urllib.request.Request(url + path, data=b"", method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read().decode()


def get(url, path):
    with urllib.request.urlopen(url + path, timeout=30) as response:
        return response.read().decode()


def ec2(url):
    import boto3  # only the commands that talk EC2 pay for importing boto3

    return boto3.client("ec2", region_name=REGION, endpoint_url=url,
                        aws_access_key_id="testing", aws_secret_access_key="testing")


def build(url):
    # The fixture's shape lives in the one builder of test VPCs (tests/tools/vpc_fixture.py, "takeover").
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "tools"))
    import vpc_fixture

    made = vpc_fixture.takeover(vpc_fixture.parser().parse_args(["takeover", "--endpoint", url, "--region", REGION]))
    print(made["newInstanceId"], made["vpcId"], made["routeTableId"], *made["privateSubnetIds"])


def verify(url, new, subnets):
    client = ec2(url)
    failures = []
    for subnet in subnets:
        tables = client.describe_route_tables(Filters=[{"Name": "association.subnet-id", "Values": [subnet]}])["RouteTables"]
        if len(tables) != 1:
            failures.append(f"{subnet}: {len(tables)} explicit route tables")
            continue
        default = [r for r in tables[0]["Routes"] if r.get("DestinationCidrBlock") == "0.0.0.0/0"]
        target = default[0].get("InstanceId") if default else None
        if target != new:
            failures.append(f"{subnet}: {tables[0]['RouteTableId']} sends 0.0.0.0/0 to {target}, not {new}")
    instance = client.describe_instances(InstanceIds=[new])["Reservations"][0]["Instances"][0]
    # moto: the instance's own SourceDestCheck is the one ModifyInstanceAttribute changes (its ENI keeps True).
    if instance.get("SourceDestCheck", True):
        failures.append(f"{new}: source/dest check is still on")
    for failure in failures:
        print("verify: " + failure, file=sys.stderr)
    sys.exit(1 if failures else 0)


def recorder(url, what):
    paths = {"start": "start-recording", "stop": "stop-recording", "clear": "reset-recording"}
    post(url, "/moto-api/recorder/" + paths[what])


def parse(entry):
    """One recorded request → (action, params). EC2 speaks the Query protocol: a form-encoded body."""
    body = entry.get("body") or ""
    if entry.get("body_encoded"):
        body = base64.b64decode(body).decode("utf-8", "replace")
    query = urllib.parse.urlparse(entry.get("url", "")).query
    params = {k: v[-1] for k, v in urllib.parse.parse_qs(query + "&" + body).items()}
    return params.get("Action", entry.get("method", "?") + " " + urllib.parse.urlparse(entry.get("url", "")).path), params


def calls(url, new):
    lines = [line for line in get(url, "/moto-api/recorder/download-recording").splitlines() if line.strip()]
    requests = [parse(json.loads(line)) for line in lines]
    actions = [action for action, _ in requests]
    sdc = next((i for i, (a, p) in enumerate(requests)
                if a == "ModifyInstanceAttribute" and p.get("InstanceId") == new
                and p.get("SourceDestCheck.Value", "").lower() == "false"), None)
    route = next((i for i, (a, p) in enumerate(requests) if a in ROUTE_WRITES and p.get("InstanceId") == new), None)
    if route is None:
        order = "no-route-write"
    elif sdc is None:
        order = "no-sdc-off"
    else:
        # "sdc-first": source/dest check was off before any route pointed at the new NAT: no black-hole window.
        order = "sdc-first" if sdc < route else f"route-first({sdc - route}-calls-between)"
    print(len(requests), order, ",".join(actions))


def timed(out, command):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(out, "wb") as sink:
        start = time.monotonic()
        code = subprocess.call(command, stdout=sink, stderr=subprocess.STDOUT)
        elapsed = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(f"{elapsed:.3f} {cpu:.3f}")
    sys.exit(code)


def main(argv):
    if len(argv) >= 2 and argv[0] == "build":
        build(argv[1])
    elif len(argv) >= 4 and argv[0] == "verify":
        verify(argv[1], argv[2], argv[3:])
    elif len(argv) == 3 and argv[0] == "recorder":
        recorder(argv[1], argv[2])
    elif len(argv) == 3 and argv[0] == "calls":
        calls(argv[1], argv[2])
    elif len(argv) >= 4 and argv[0] == "time" and argv[2] == "--":
        timed(argv[1], argv[3:])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main(sys.argv[1:])
