#!/usr/bin/env python3
"""Builds and reads the miniature VPC that the namespace tests give the real module, in a moto_server.

    moto_vpc.py create --endpoint URL --zone us-east-1a --cidr 10.99.0.0/17 [--cidr 10.99.128.0/17]
                       --public-subnet 10.99.0.0/24 --private-subnet 10.99.1.0/24
        prints JSON: vpcId, cidrs, publicSubnetId, privateSubnetId, routeTableId, instanceId, networkInterfaceId
    moto_vpc.py routes --endpoint URL --route-table rtb-...
        prints JSON: the table's routes (destination, instanceId, gatewayId, networkInterfaceId, state)
    moto_vpc.py actions --endpoint URL
        prints JSON: the Action of every request moto's recorder holds, in order (start it with
        POST URL/moto-api/recorder/start-recording; clear it with .../reset-recording)

Fake keys are used unless the environment has some; nothing here ever talks to AWS itself.
"""
import argparse
import base64
import json
import os
import sys
import urllib.parse
import urllib.request

import boto3


def client(args):
    return boto3.client(
        "ec2",
        endpoint_url=args.endpoint,
        region_name=args.region,
        aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID", "testing"),
        aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY", "testing"),
    )


def create(args):
    ec2 = client(args)
    vpc = ec2.create_vpc(CidrBlock=args.cidr[0])["Vpc"]["VpcId"]
    for extra in args.cidr[1:]:
        ec2.associate_vpc_cidr_block(VpcId=vpc, CidrBlock=extra)
    public = ec2.create_subnet(VpcId=vpc, CidrBlock=args.public_subnet, AvailabilityZone=args.zone)["Subnet"]["SubnetId"]
    private = ec2.create_subnet(VpcId=vpc, CidrBlock=args.private_subnet, AvailabilityZone=args.zone)["Subnet"]["SubnetId"]
    ec2.create_tags(Resources=[private], Tags=[{"Key": args.tag_key, "Value": args.tag_value}])
    table = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    ec2.associate_route_table(RouteTableId=table, SubnetId=private)
    # moto accepts any AMI id, and listing its images costs seconds: the instance only has to exist and run.
    instance = ec2.run_instances(ImageId=args.image, MinCount=1, MaxCount=1, InstanceType="t3.nano", SubnetId=public,
                                # Tagged as HaNat's launch template tags its NATs: the takeover refuses anything else.
                                TagSpecifications=[{"ResourceType": "instance",
                                                    "Tags": [{"Key": "hanat:managed", "Value": "true"}]}])["Instances"][0]
    return {
        "vpcId": vpc,
        "cidrs": args.cidr,
        "publicSubnetId": public,
        "privateSubnetId": private,
        "routeTableId": table,
        "instanceId": instance["InstanceId"],
        "networkInterfaceId": instance["NetworkInterfaces"][0]["NetworkInterfaceId"],
        "state": instance["State"]["Name"],
    }


def routes(args):
    table = client(args).describe_route_tables(RouteTableIds=[args.route_table])["RouteTables"][0]
    return [
        {
            "destination": r.get("DestinationCidrBlock"),
            "instanceId": r.get("InstanceId"),
            "gatewayId": r.get("GatewayId"),
            "networkInterfaceId": r.get("NetworkInterfaceId"),
            "state": r.get("State"),
        }
        for r in table.get("Routes", [])
    ]


def actions(args):
    with urllib.request.urlopen(args.endpoint.rstrip("/") + "/moto-api/recorder/download-recording", timeout=10) as response:
        lines = response.read().decode().splitlines()
    found = []
    for line in lines:
        if not line.strip():
            continue
        entry = json.loads(line)
        body = entry.get("body") or ""
        if entry.get("body_encoded"):
            body = base64.b64decode(body).decode(errors="replace")
        query = urllib.parse.urlparse(entry.get("url", "")).query
        fields = urllib.parse.parse_qs(body) or urllib.parse.parse_qs(query)
        found.append((fields.get("Action") or [entry.get("method", "?") + " " + entry.get("url", "")])[0])
    return found


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("create")
    make.add_argument("--cidr", action="append", required=True, help="the VPC's CIDR blocks, primary first")
    make.add_argument("--zone", required=True)
    make.add_argument("--public-subnet", required=True)
    make.add_argument("--private-subnet", required=True)
    make.add_argument("--tag-key", default="network")
    make.add_argument("--tag-value", default="private")
    make.add_argument("--image", default="ami-12c6146b")
    read = commands.add_parser("routes")
    read.add_argument("--route-table", required=True)
    recorded = commands.add_parser("actions")
    for sub in (make, read, recorded):
        sub.add_argument("--endpoint", required=True)
        sub.add_argument("--region", default="us-east-1")
    args = parser.parse_args(argv)
    result = {"create": create, "routes": routes, "actions": actions}[args.command](args)
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
