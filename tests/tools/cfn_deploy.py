#!/usr/bin/env python3
"""Deploys a CloudFormation template into moto's CloudFormation, filling in what moto lacks, and prints the stack.

    cfn_deploy.py --endpoint http://127.0.0.1:5000 --template hanat.json --stack-name hanat-stack \
                  [--parameter Name=edge --parameter VpcOctets=10.40 ...] [--region us-east-1]

It prints one JSON object on stdout: {"StackId", "StackStatus", "Outputs": {key: value},
"Resources": {logical id: physical id}}. It exits non-zero, with moto's message on stderr, when the stack is not
created.

The template is deployed as a user would deploy it to AWS, except for moto's gaps, each filled in here and never in
the template (HaNat's Export-HaNatTemplate writes for AWS):

  1. moto's CloudFormation has no Fn::Cidr. Each Fn::Cidr [block, count, hostBits] is replaced by the list AWS would
     give: count blocks of 32 - hostBits bits, in order, from the start of the block. The block is resolved from the
     template itself (a parameter, or the VPC's CidrBlock property, itself built from the parameters).
  2. moto's AWS::EC2::SecurityGroup reads FromPort and ToPort of every inline ingress rule, and so fails on a rule
     of all protocols (IpProtocol -1), which AWS takes without ports. Such a rule gets -1 and -1, AWS's own reading.
  3. moto launches no instance from a launch template whose EBS mapping has no VolumeSize; AWS then takes the
     image's size. The mapping gets 8 (GiB), the size of HaNat's image.
  4. moto ignores the Tags of AWS::EC2::EIP, AWS::EC2::InternetGateway and AWS::EC2::RouteTable. Once the stack
     exists, their tags are resolved from the template (parameters, Refs to the stack's resources, the region's
     zones) and put on them with CreateTags, as AWS would have tagged them at creation.
  5. moto's AWS::EC2::SubnetRouteTableAssociation records the association but leaves the subnet on the main table
     (DescribeRouteTables shows no such association). Once the stack exists, each is made with AssociateRouteTable.
  6. moto's DescribeStackResources lists a resource whose Condition is false, with no logical id, where AWS leaves
     it out: such entries are left out of "Resources".
"""
import argparse
import copy
import ipaddress
import json
import re
import sys

import boto3

# Gap 4: the resource types whose Tags moto's CloudFormation drops.
UNTAGGED_BY_MOTO = {"AWS::EC2::EIP", "AWS::EC2::InternetGateway", "AWS::EC2::RouteTable"}


class Resolver:
    """Evaluates the few intrinsic functions the gaps need, from the parameters and, once known, the stack's ids."""

    def __init__(self, template, parameters, region, zones, physical_ids=None):
        self.template = template
        self.parameters = parameters
        self.region = region
        self.zones = zones
        self.physical_ids = physical_ids or {}

    def __call__(self, node):
        if isinstance(node, (str, int)):
            return node
        if isinstance(node, list):
            return [self(item) for item in node]
        if not isinstance(node, dict) or len(node) != 1:
            raise ValueError(f"cannot resolve {node!r}")
        (function, argument), = node.items()
        if function == "Ref":
            return self.ref(argument)
        if function == "Fn::Sub":
            text, variables = (argument, {}) if isinstance(argument, str) else (argument[0], argument[1])
            values = {name: self(value) for name, value in variables.items()}
            return re.sub(r"\$\{([^}]+)\}", lambda m: str(values[m.group(1)] if m.group(1) in values else self.variable(m.group(1))), text)
        if function == "Fn::Select":
            return self(argument[1])[int(self(argument[0]))]
        if function == "Fn::GetAZs":
            return list(self.zones)
        if function == "Fn::GetAtt":
            return self.get_att(*argument)
        raise ValueError(f"cannot resolve {function}")

    def variable(self, name):
        if "." in name:
            return self.get_att(*name.split(".", 1))
        return self.ref(name)

    def ref(self, name):
        if name == "AWS::Region":
            return self.region
        if name in self.parameters:
            return self.parameters[name]
        if name in self.physical_ids:
            return self.physical_ids[name]
        raise ValueError(f"cannot resolve Ref {name}")

    def get_att(self, logical_id, attribute):
        resource = self.template["Resources"][logical_id]
        # Only what the gaps need: a VPC's CidrBlock is its CidrBlock property.
        if resource["Type"] == "AWS::EC2::VPC" and attribute == "CidrBlock":
            return self(resource["Properties"]["CidrBlock"])
        raise ValueError(f"cannot resolve Fn::GetAtt {logical_id}.{attribute}")


def fill_cidr(node, resolve):
    """Gap 1: every Fn::Cidr as the literal list AWS computes."""
    if isinstance(node, list):
        return [fill_cidr(item, resolve) for item in node]
    if not isinstance(node, dict):
        return node
    if set(node) == {"Fn::Cidr"}:
        block, count, host_bits = node["Fn::Cidr"]
        network = ipaddress.ip_network(resolve(block))
        subnets = network.subnets(new_prefix=32 - int(host_bits))
        return [str(next(subnets)) for _ in range(int(count))]
    return {key: fill_cidr(value, resolve) for key, value in node.items()}


def fill_gaps(template, resolve):
    template = fill_cidr(copy.deepcopy(template), resolve)
    for resource in template["Resources"].values():
        properties = resource.get("Properties", {})
        if resource["Type"] == "AWS::EC2::SecurityGroup":
            # Gap 2: an all-protocols rule has no ports in AWS; moto needs them.
            for rule in properties.get("SecurityGroupIngress", []):
                if str(rule.get("IpProtocol")) == "-1":
                    rule.setdefault("FromPort", -1)
                    rule.setdefault("ToPort", -1)
        if resource["Type"] == "AWS::EC2::LaunchTemplate":
            # Gap 3: AWS takes the image's size; moto launches nothing without one.
            for mapping in properties.get("LaunchTemplateData", {}).get("BlockDeviceMappings", []):
                if "Ebs" in mapping:
                    mapping["Ebs"].setdefault("VolumeSize", 8)
    return template


def tag_what_moto_left_untagged(ec2, template, resolve, physical_ids):
    """Gap 4: the template's tags on the resources whose Tags moto ignored."""
    for logical_id, resource in template["Resources"].items():
        if resource["Type"] not in UNTAGGED_BY_MOTO or "Tags" not in resource.get("Properties", {}):
            continue
        tags = [{"Key": tag["Key"], "Value": str(resolve(tag["Value"]))} for tag in resource["Properties"]["Tags"]]
        resource_id = physical_ids[logical_id]
        if resource["Type"] == "AWS::EC2::EIP" and not resource_id.startswith("eipalloc-"):
            # An EIP's physical id is its public address; tags go on its allocation.
            resource_id = ec2.describe_addresses(PublicIps=[resource_id])["Addresses"][0]["AllocationId"]
        ec2.create_tags(Resources=[resource_id], Tags=tags)


def associate_what_moto_left_unassociated(ec2, template, resolve):
    """Gap 5: each subnet on the table the template associates it with."""
    for resource in template["Resources"].values():
        if resource["Type"] != "AWS::EC2::SubnetRouteTableAssociation":
            continue
        properties = resource["Properties"]
        ec2.associate_route_table(RouteTableId=resolve(properties["RouteTableId"]), SubnetId=resolve(properties["SubnetId"]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--template", required=True)
    parser.add_argument("--stack-name", required=True)
    parser.add_argument("--parameter", action="append", default=[], help="Key=Value")
    parser.add_argument("--region", default="us-east-1")
    args = parser.parse_args()

    with open(args.template, encoding="utf-8") as file:
        template = json.load(file)
    given = dict(p.split("=", 1) for p in args.parameter)
    parameters = {name: given.get(name, spec.get("Default")) for name, spec in template.get("Parameters", {}).items()}
    missing = [name for name, value in parameters.items() if value is None]
    if missing:
        sys.exit(f"cfn_deploy.py: no value for the parameters {', '.join(missing)}, which have no default")

    session = boto3.session.Session(region_name=args.region)
    cfn = session.client("cloudformation", endpoint_url=args.endpoint)
    ec2 = session.client("ec2", endpoint_url=args.endpoint)
    zones = sorted(z["ZoneName"] for z in ec2.describe_availability_zones()["AvailabilityZones"])

    deployable = fill_gaps(template, Resolver(template, parameters, args.region, zones))
    stack_id = cfn.create_stack(
        StackName=args.stack_name,
        TemplateBody=json.dumps(deployable),
        Parameters=[{"ParameterKey": k, "ParameterValue": v} for k, v in given.items()],
        Capabilities=["CAPABILITY_NAMED_IAM"],
    )["StackId"]
    stack = cfn.describe_stacks(StackName=stack_id)["Stacks"][0]
    if stack["StackStatus"] != "CREATE_COMPLETE":
        sys.exit(f"cfn_deploy.py: stack {args.stack_name} is {stack['StackStatus']}: {stack.get('StackStatusReason', '')}")
    physical_ids = {r["LogicalResourceId"]: r.get("PhysicalResourceId")
                    for r in cfn.describe_stack_resources(StackName=stack_id)["StackResources"] if "LogicalResourceId" in r}  # gap 6

    resolve = Resolver(template, parameters, args.region, zones, physical_ids)
    tag_what_moto_left_untagged(ec2, template, resolve, physical_ids)
    associate_what_moto_left_unassociated(ec2, template, resolve)

    json.dump({
        "StackId": stack_id,
        "StackStatus": stack["StackStatus"],
        "Outputs": {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])},
        "Resources": physical_ids,
    }, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
