#!/usr/bin/env python3
"""The control plane of the 3-zone failover harness, in a moto_server: a HaNat VPC with one NAT instance per zone
in an Auto Scaling group, and the SSM heartbeat key.

    moto_havpc.py create --endpoint URL --vpc-name NAME --cidr 10.99.0.0/16 \
        --zone us-east-1a,10.99.10.0/24,10.99.20.0/24,10.99.10.10 [--zone ...]
        Per --zone: ZONE,PUBLIC_SUBNET,PRIVATE_SUBNET,NAT_PRIVATE_IP. Creates the VPC (tags hanat:managed=true,
        hanat:vpc-name=NAME), an internet gateway and the public route table, per zone a public subnet and a private
        subnet (network=private) with its own route table (no default route: the NATs' boot takeovers make it),
        a NAT instance in the public subnet with exactly NAT_PRIVATE_IP (tags hanat:managed=true, hanat:zone),
        a launch template and an Auto Scaling group the NATs are attached to (AttachInstances), and the
        SecureString /hanat/NAME/heartbeat-key (base64 of 32 random bytes). Prints JSON.

Fake keys unless the environment has some; it only ever talks to the endpoint given.
"""
import argparse
import base64
import json
import os
import secrets
import sys

import boto3
from botocore.config import Config

IMAGE = "ami-12c6146b"


def clients(args):
    kwargs = dict(
        endpoint_url=args.endpoint,
        region_name=args.region,
        aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID", "testing"),
        aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY", "testing"),
        config=Config(retries={"max_attempts": 2}),
    )
    return boto3.client("ec2", **kwargs), boto3.client("autoscaling", **kwargs), boto3.client("ssm", **kwargs)


def tags(resource_type, pairs):
    return [{"ResourceType": resource_type, "Tags": [{"Key": k, "Value": v} for k, v in pairs.items()]}]


def launch_nat(ec2, vpc_name, zone, subnet, ip):
    instance = ec2.run_instances(
        ImageId=IMAGE, MinCount=1, MaxCount=1, InstanceType="t3.nano", SubnetId=subnet, PrivateIpAddress=ip,
        TagSpecifications=tags("instance", {
            "Name": "hanat-%s-nat-%s" % (vpc_name, zone[-1]),
            "hanat:managed": "true",
            "hanat:vpc-name": vpc_name,
            "hanat:zone": zone,
            "hanat:component": "nat-instance",
        }),
    )["Instances"][0]
    return {
        "instanceId": instance["InstanceId"],
        "privateIp": instance["PrivateIpAddress"],
        "networkInterfaceId": instance["NetworkInterfaces"][0]["NetworkInterfaceId"],
        "zone": instance["Placement"]["AvailabilityZone"],
    }


def create(args):
    ec2, autoscaling, ssm = clients(args)
    managed = {"hanat:managed": "true", "hanat:vpc-name": args.vpc_name}
    vpc = ec2.create_vpc(CidrBlock=args.cidr, TagSpecifications=tags("vpc", dict(managed, Name=args.vpc_name)))["Vpc"]["VpcId"]
    gateway = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=gateway, VpcId=vpc)
    public_table = ec2.create_route_table(VpcId=vpc, TagSpecifications=tags("route-table", managed))["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=public_table, DestinationCidrBlock="0.0.0.0/0", GatewayId=gateway)

    zones = []
    for spec in args.zone:
        zone, public_cidr, private_cidr, nat_ip = spec.split(",")
        public = ec2.create_subnet(VpcId=vpc, CidrBlock=public_cidr, AvailabilityZone=zone,
                                   TagSpecifications=tags("subnet", dict(managed, network="public")))["Subnet"]["SubnetId"]
        ec2.associate_route_table(RouteTableId=public_table, SubnetId=public)
        private = ec2.create_subnet(VpcId=vpc, CidrBlock=private_cidr, AvailabilityZone=zone,
                                    TagSpecifications=tags("subnet", dict(managed, network="private")))["Subnet"]["SubnetId"]
        table = ec2.create_route_table(VpcId=vpc, TagSpecifications=tags("route-table", dict(managed, **{"hanat:zone": zone})))["RouteTable"]["RouteTableId"]
        ec2.associate_route_table(RouteTableId=table, SubnetId=private)
        nat = launch_nat(ec2, args.vpc_name, zone, public, nat_ip)
        if nat["privateIp"] != nat_ip or nat["zone"] != zone:
            raise SystemExit("moto gave the NAT %s in %s, not %s in %s" % (nat["privateIp"], nat["zone"], nat_ip, zone))
        zones.append(dict(nat, zone=zone, publicSubnetId=public, privateSubnetId=private, routeTableId=table))

    group = "hanat-%s-nat" % args.vpc_name
    ec2.create_launch_template(LaunchTemplateName=group, LaunchTemplateData={"ImageId": IMAGE, "InstanceType": "t3.nano"})
    autoscaling.create_auto_scaling_group(
        AutoScalingGroupName=group, LaunchTemplate={"LaunchTemplateName": group, "Version": "$Latest"},
        MinSize=0, MaxSize=len(zones), DesiredCapacity=0, VPCZoneIdentifier=",".join(z["publicSubnetId"] for z in zones),
        Tags=[{"Key": "hanat:managed", "Value": "true", "PropagateAtLaunch": True},
              {"Key": "hanat:vpc-name", "Value": args.vpc_name, "PropagateAtLaunch": True}])
    autoscaling.attach_instances(AutoScalingGroupName=group, InstanceIds=[z["instanceId"] for z in zones])
    members = autoscaling.describe_auto_scaling_groups(AutoScalingGroupNames=[group])["AutoScalingGroups"][0]["Instances"]
    if sorted(m["InstanceId"] for m in members) != sorted(z["instanceId"] for z in zones):
        raise SystemExit("AttachInstances left the group with %s" % [m["InstanceId"] for m in members])

    parameter = "/hanat/%s/heartbeat-key" % args.vpc_name
    ssm.put_parameter(Name=parameter, Type="SecureString", Value=base64.b64encode(secrets.token_bytes(32)).decode())
    return {"vpcId": vpc, "vpcName": args.vpc_name, "cidr": args.cidr, "group": group, "keyParameter": parameter,
            "internetGatewayId": gateway, "zones": zones}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("create")
    make.add_argument("--vpc-name", required=True)
    make.add_argument("--cidr", required=True)
    make.add_argument("--zone", action="append", required=True, help="ZONE,PUBLIC_SUBNET,PRIVATE_SUBNET,NAT_IP")
    for sub in (make,):
        sub.add_argument("--endpoint", required=True)
        sub.add_argument("--region", default="us-east-1")
    args = parser.parse_args(argv)
    result = {"create": create}[args.command](args)
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
