#!/usr/bin/env python3
"""The migration harness's moto side (FailoverMigration.ps1): what a user, or AWS, does around Add-HaNatVpc.

    migrate_moto.py image --endpoint URL --instance i-...
        HaNat's AMI as the Packer template leaves it (tag hanat:image=nat), made from one of the harness's
        instances (moto copies the source's architecture). Prints JSON: imageId, architecture.
    migrate_moto.py adopt --endpoint URL --name N --instance i-... [--instance ...]
        Makes the harness's NAT instances (the ones with a namespace behind them) the deployment's NATs, standing in
        for its Auto Scaling group launching these very instances: each gets the tags the group's launch template
        gives its instances (read from moto, TagSpecifications of ResourceType instance) and the group's
        PropagateAtLaunch tags; the group's own instances (moto launched them; nothing carries their packets) are
        detached with the desired capacity decremented, and terminated; then the harness's are attached
        (AttachInstances raises the desired capacity back). Prints JSON: group, launchTemplate, tags, detached,
        members.

Fake keys unless the environment has some; it only ever talks to the endpoint given.
"""
import argparse
import json
import os
import sys

import boto3


def clients(args, *services):
    return [boto3.client(s, endpoint_url=args.endpoint, region_name=args.region,
                         aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID", "testing"),
                         aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY", "testing")) for s in services]


def image(args):
    (ec2,) = clients(args, "ec2")
    image_id = ec2.create_image(InstanceId=args.instance[0], Name="hanat-nat-migrate",
                                TagSpecifications=[{"ResourceType": "image", "Tags": [{"Key": "hanat:image", "Value": "nat"}]}])["ImageId"]
    made = ec2.describe_images(ImageIds=[image_id])["Images"][0]
    return {"imageId": image_id, "architecture": made.get("Architecture")}


def deployment_group(autoscaling, name):
    """The one group whose tags say hanat:vpc-name=NAME."""
    found = []
    for page in autoscaling.get_paginator("describe_auto_scaling_groups").paginate():
        for group in page["AutoScalingGroups"]:
            if {t["Key"]: t["Value"] for t in group.get("Tags", [])}.get("hanat:vpc-name") == name:
                found.append(group)
    if len(found) != 1:
        raise SystemExit("expected one Auto Scaling group tagged hanat:vpc-name=%s, found %s" % (name, [g["AutoScalingGroupName"] for g in found]))
    return found[0]


def template_instance_tags(ec2, group):
    """The tags the group's launch template gives the instances it launches."""
    spec = group.get("LaunchTemplate") or (group.get("MixedInstancesPolicy") or {}).get("LaunchTemplate", {}).get("LaunchTemplateSpecification")
    if not spec:
        raise SystemExit("group %s has no launch template" % group["AutoScalingGroupName"])
    ask = {"LaunchTemplateId": spec["LaunchTemplateId"]} if spec.get("LaunchTemplateId") else {"LaunchTemplateName": spec["LaunchTemplateName"]}
    versions = ec2.describe_launch_template_versions(Versions=[spec.get("Version") or "$Default"], **ask)["LaunchTemplateVersions"]
    if not versions:
        raise SystemExit("no version %s of launch template %s" % (spec.get("Version"), ask))
    data = versions[0]["LaunchTemplateData"]
    found = {}
    for tag_spec in data.get("TagSpecifications", []):
        if tag_spec.get("ResourceType") == "instance":
            found.update({t["Key"]: t["Value"] for t in tag_spec.get("Tags", [])})
    return versions[0]["LaunchTemplateName"], found


def adopt(args):
    ec2, autoscaling = clients(args, "ec2", "autoscaling")
    group = deployment_group(autoscaling, args.name)
    name = group["AutoScalingGroupName"]
    template, wanted = template_instance_tags(ec2, group)
    wanted.update({t["Key"]: t["Value"] for t in group.get("Tags", []) if t.get("PropagateAtLaunch")})
    if "hanat:served-by" not in wanted:
        raise SystemExit("the launch template %s gives its instances no hanat:served-by tag: %s" % (template, wanted))
    ec2.create_tags(Resources=args.instance, Tags=[{"Key": k, "Value": v} for k, v in sorted(wanted.items())])
    own = [i["InstanceId"] for i in group.get("Instances", []) if i["InstanceId"] not in args.instance]
    if own:
        autoscaling.detach_instances(AutoScalingGroupName=name, InstanceIds=own, ShouldDecrementDesiredCapacity=True)
        ec2.terminate_instances(InstanceIds=own)
    autoscaling.attach_instances(AutoScalingGroupName=name, InstanceIds=args.instance)
    members = sorted(i["InstanceId"] for i in autoscaling.describe_auto_scaling_groups(AutoScalingGroupNames=[name])["AutoScalingGroups"][0]["Instances"])
    if members != sorted(args.instance):
        raise SystemExit("the group %s holds %s after the adoption, not %s" % (name, members, sorted(args.instance)))
    return {"group": name, "launchTemplate": template, "tags": wanted, "detached": own, "members": members}


def main(argv=None):
    top = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = top.add_subparsers(dest="command", required=True)
    for command in ("image", "adopt"):
        sub = commands.add_parser(command)
        sub.add_argument("--endpoint", required=True)
        sub.add_argument("--region", default="us-east-1")
        sub.add_argument("--instance", action="append", required=True)
        if command == "adopt":
            sub.add_argument("--name", required=True)
    args = top.parse_args(argv)
    json.dump({"image": image, "adopt": adopt}[args.command](args), sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
