#!/usr/bin/env python3
"""The one builder of test VPCs in a moto_server, with the shapes its callers need, and the readers they share.

    vpc_fixture.py zones --endpoint URL [--cidr-prefix 10.0] [--zone us-east-1a ...] [--private-subnets-per-zone 1]
                         [--private-table Own|Shared|Main] [--private-tag network=private]
        The Pester suites' VPC (New-TestVpc in tests/pester/TestHelpers.psm1): per zone a public subnet and private
        subnets (tagged --private-tag, Name private-ZONE-I), /24s counted up from PREFIX.0.0; the private subnets'
        tables: Own (one each), Shared (one per zone), Main (none: on the main table). Prints JSON: vpcId,
        mainRouteTableId, zones {ZONE: publicSubnetId, privateSubnetIds, routeTableIds}.
    vpc_fixture.py nat --endpoint URL --zone us-east-1a --cidr 10.99.0.0/17 [--cidr 10.99.128.0/17]
                       --public-subnet 10.99.0.0/24 --private-subnet 10.99.1.0/24
        One zone and its NAT, for the namespace suites: the VPC with its CIDRs, a public subnet with one instance
        tagged hanat:managed=true, a private subnet (network=private) with its own route table (no default route).
        Prints JSON: vpcId, cidrs, publicSubnetId, privateSubnetId, routeTableId, instanceId, networkInterfaceId.
    vpc_fixture.py ha --endpoint URL --vpc-name NAME --cidr 10.99.0.0/16 \\
                      --zone us-east-1a,10.99.10.0/24,10.99.20.0/24,10.99.10.10 [--zone ...] [--routed]
        A HaNat VPC with one NAT per zone (failover harness, monitor suite). Per --zone ZONE,PUBLIC,PRIVATE,NAT_IP:
        the VPC (tags hanat:managed=true, hanat:vpc-name=NAME), an internet gateway and the public route table,
        per zone a public subnet and a private subnet (network=private) with its own route table, a NAT instance in
        the public subnet with exactly NAT_IP (tags hanat:managed=true, hanat:zone, ...), a launch template and an
        Auto Scaling group the NATs are attached to, and the SecureString /hanat/NAME/heartbeat-key. --routed: as
        the boot takeovers leave it (each private table's 0.0.0.0/0 to its zone's NAT, source/dest check off);
        without it the tables have no default route. --existing: the same VPC as it was before HaNat came (the
        migration harness): no hanat:* tag anywhere, no launch template, group or heartbeat key (group is null); the
        NAT instances are plain instances (tag Name only), standing for the ones the deployment's group will launch.
        Prints JSON.
    vpc_fixture.py takeover --endpoint URL
        The takeover benchmark's fixture (bench/takeover): resets moto, then one zone, a public subnet holding the
        NATs, two private subnets (network=private) sharing ONE route table whose 0.0.0.0/0 goes to an old NAT,
        terminated, and a running replacement NAT. Prints JSON: newInstanceId, vpcId, routeTableId, privateSubnetIds.
    vpc_fixture.py terraform --endpoint URL [--name tf] [--zone us-east-1a ...] [--private-tag network=private]
                             [--cross-zone-table] [--transit-table] [--vpn-table] [--blackhole-table] [--nat-instance-table]
        An existing VPC as Terraform's common VPC module (terraform-aws-modules/vpc) and its usual neighbours leave
        one, with no hanat:* tag anywhere (Add-HaNatVpc's suites): the VPC 10.40.0.0/16 + 10.41.0.0/16, DNS on,
        tagged Name/Environment/ManagedBy; an internet gateway and one public table for a public subnet per zone
        (default us-east-1a, b, c); per zone an Elastic IP and a NAT gateway, an "app" and a "worker" private table
        (0.0.0.0/0 to the zone's NAT gateway, the S3 gateway endpoint, a peering route to a second VPC), the first
        zone's app table shared by three subnets; a private subnet in 10.41.0.0/16; a subnet left on the main table
        (local routes only, private by tag only); a database subnet per zone on one table with no default route;
        an instance per zone in the app tier with its own security group, and a database security group.
        --cross-zone-table: a table shared by private subnets of the first two zones (default route to the first
        zone's NAT gateway). --transit-table / --vpn-table: a table whose 0.0.0.0/0 goes to a transit gateway / a
        VPN gateway, with a private subnet in the first zone. --blackhole-table / --nat-instance-table: a private
        table (first zone) whose 0.0.0.0/0 goes to a NAT gateway since deleted / to someone's NAT instance.
        Prints JSON: every id by role (see terraform()).
    vpc_fixture.py routes --endpoint URL --route-table rtb-...
        Prints JSON: the table's routes (destination, instanceId, gatewayId, networkInterfaceId, state).
    vpc_fixture.py actions --endpoint URL
        Prints JSON: the Action of every request moto's recorder holds, in order.

Fake keys unless the environment has some; it only ever talks to the endpoint given.
"""
import argparse
import base64
import ipaddress
import json
import os
import secrets
import sys
import urllib.parse
import urllib.request

IMAGE = "ami-12c6146b"


def clients(args, *services):
    import boto3  # only the commands that talk to AWS pay for importing boto3
    from botocore.config import Config

    kwargs = dict(
        endpoint_url=args.endpoint,
        region_name=args.region,
        aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID", "testing"),
        aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY", "testing"),
        config=Config(retries={"max_attempts": 2}),
    )
    made = [boto3.client(service, **kwargs) for service in services]
    return made[0] if len(made) == 1 else made


def tags(resource_type, pairs):
    return [{"ResourceType": resource_type, "Tags": [{"Key": k, "Value": v} for k, v in pairs.items()]}]


def moto_post(endpoint, path):
    request = urllib.request.Request(endpoint.rstrip("/") + path, data=b"", method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read().decode()


def zones(args):
    ec2 = clients(args, "ec2")
    prefix = args.cidr_prefix
    vpc = ec2.create_vpc(CidrBlock="%s.0.0/16" % prefix)["Vpc"]["VpcId"]
    tables = ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["RouteTables"]
    main = next(t["RouteTableId"] for t in tables if any(a.get("Main") for a in t.get("Associations", [])))
    tag_key, tag_value = args.private_tag.split("=", 1)
    made, octet = {}, 0
    for zone in args.zone or ["us-east-1a"]:
        public = ec2.create_subnet(VpcId=vpc, CidrBlock="%s.%d.0/24" % (prefix, octet), AvailabilityZone=zone)["Subnet"]["SubnetId"]
        octet += 1
        private, table_ids, shared = [], [], None
        for i in range(args.private_subnets_per_zone):
            subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="%s.%d.0/24" % (prefix, octet), AvailabilityZone=zone,
                                       TagSpecifications=tags("subnet", {tag_key: tag_value, "Name": "private-%s-%d" % (zone, i)}))["Subnet"]["SubnetId"]
            octet += 1
            private.append(subnet)
            if args.private_table == "Main":
                continue
            if args.private_table == "Own" or not shared:
                table = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
                table_ids.append(table)
                if args.private_table == "Shared":
                    shared = table
            ec2.associate_route_table(RouteTableId=shared if args.private_table == "Shared" else table_ids[-1], SubnetId=subnet)
        made[zone] = {"publicSubnetId": public, "privateSubnetIds": private, "routeTableIds": table_ids}
    return {"vpcId": vpc, "mainRouteTableId": main, "zones": made}


def nat(args):
    ec2 = clients(args, "ec2")
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
                                 TagSpecifications=tags("instance", {"hanat:managed": "true"}))["Instances"][0]
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


def launch_ha_nat(ec2, vpc_name, zone, subnet, ip, existing=False):
    instance_tags = {"Name": "hanat-%s-nat-%s" % (vpc_name, zone[-1])}
    if not existing:
        instance_tags.update({"hanat:managed": "true", "hanat:vpc-name": vpc_name, "hanat:zone": zone, "hanat:component": "nat-instance"})
    instance = ec2.run_instances(
        ImageId=IMAGE, MinCount=1, MaxCount=1, InstanceType="t3.nano", SubnetId=subnet, PrivateIpAddress=ip,
        TagSpecifications=tags("instance", instance_tags),
    )["Instances"][0]
    return {
        "instanceId": instance["InstanceId"],
        "privateIp": instance["PrivateIpAddress"],
        "networkInterfaceId": instance["NetworkInterfaces"][0]["NetworkInterfaceId"],
        "zone": instance["Placement"]["AvailabilityZone"],
    }


def ha(args):
    ec2, autoscaling, ssm = clients(args, "ec2", "autoscaling", "ssm")
    managed = {} if args.existing else {"hanat:managed": "true", "hanat:vpc-name": args.vpc_name}
    vpc = ec2.create_vpc(CidrBlock=args.cidr, TagSpecifications=tags("vpc", dict(managed, Name=args.vpc_name)))["Vpc"]["VpcId"]
    gateway = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=gateway, VpcId=vpc)
    public_table = ec2.create_route_table(VpcId=vpc, TagSpecifications=tags("route-table", managed))["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=public_table, DestinationCidrBlock="0.0.0.0/0", GatewayId=gateway)

    made = []
    for spec in args.zone:
        zone, public_cidr, private_cidr, nat_ip = spec.split(",")
        public = ec2.create_subnet(VpcId=vpc, CidrBlock=public_cidr, AvailabilityZone=zone,
                                   TagSpecifications=tags("subnet", dict(managed, network="public")))["Subnet"]["SubnetId"]
        ec2.associate_route_table(RouteTableId=public_table, SubnetId=public)
        private = ec2.create_subnet(VpcId=vpc, CidrBlock=private_cidr, AvailabilityZone=zone,
                                    TagSpecifications=tags("subnet", dict(managed, network="private")))["Subnet"]["SubnetId"]
        table_tags = dict(managed, Name="private-" + zone) if args.existing else dict(managed, **{"hanat:zone": zone})
        table = ec2.create_route_table(VpcId=vpc, TagSpecifications=tags("route-table", table_tags))["RouteTable"]["RouteTableId"]
        ec2.associate_route_table(RouteTableId=table, SubnetId=private)
        instance = launch_ha_nat(ec2, args.vpc_name, zone, public, nat_ip, existing=args.existing)
        if instance["privateIp"] != nat_ip or instance["zone"] != zone:
            raise SystemExit("moto gave the NAT %s in %s, not %s in %s" % (instance["privateIp"], instance["zone"], nat_ip, zone))
        if args.routed:
            ec2.modify_instance_attribute(InstanceId=instance["instanceId"], SourceDestCheck={"Value": False})
            ec2.create_route(RouteTableId=table, DestinationCidrBlock="0.0.0.0/0", InstanceId=instance["instanceId"])
        made.append(dict(instance, zone=zone, publicSubnetId=public, privateSubnetId=private, routeTableId=table))

    if args.existing:
        return {"vpcId": vpc, "vpcName": args.vpc_name, "cidr": args.cidr, "group": None, "keyParameter": None,
                "internetGatewayId": gateway, "zones": made}
    group = "hanat-%s-nat" % args.vpc_name
    # The instance tags New-HaNatVpc's template gives every NAT it launches (the zone comes from IMDS, not a tag).
    launched = {"Name": "hanat-%s-nat-instance" % args.vpc_name, "hanat:managed": "true", "hanat:vpc-name": args.vpc_name,
                "hanat:component": "nat-instance", "hanat:vpc-id": vpc}
    ec2.create_launch_template(LaunchTemplateName=group, LaunchTemplateData={
        "ImageId": IMAGE, "InstanceType": "t3.nano", "TagSpecifications": tags("instance", launched)})
    autoscaling.create_auto_scaling_group(
        AutoScalingGroupName=group, LaunchTemplate={"LaunchTemplateName": group, "Version": "$Latest"},
        MinSize=0, MaxSize=len(made), DesiredCapacity=0, VPCZoneIdentifier=",".join(z["publicSubnetId"] for z in made),
        Tags=[{"Key": "hanat:managed", "Value": "true", "PropagateAtLaunch": True},
              {"Key": "hanat:vpc-name", "Value": args.vpc_name, "PropagateAtLaunch": True}])
    autoscaling.attach_instances(AutoScalingGroupName=group, InstanceIds=[z["instanceId"] for z in made])
    members = autoscaling.describe_auto_scaling_groups(AutoScalingGroupNames=[group])["AutoScalingGroups"][0]["Instances"]
    if sorted(m["InstanceId"] for m in members) != sorted(z["instanceId"] for z in made):
        raise SystemExit("AttachInstances left the group with %s" % [m["InstanceId"] for m in members])

    parameter = "/hanat/%s/heartbeat-key" % args.vpc_name
    ssm.put_parameter(Name=parameter, Type="SecureString", Value=base64.b64encode(secrets.token_bytes(32)).decode())
    return {"vpcId": vpc, "vpcName": args.vpc_name, "cidr": args.cidr, "group": group, "keyParameter": parameter,
            "internetGatewayId": gateway, "zones": made}


def takeover(args):
    moto_post(args.endpoint, "/moto-api/reset")
    ec2 = clients(args, "ec2")
    zone = "us-east-1a"
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    public = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.0.0/24", AvailabilityZone=zone)["Subnet"]["SubnetId"]
    ec2.create_tags(Resources=[public], Tags=[{"Key": "network", "Value": "public"}])
    private = []
    for cidr in ("10.0.1.0/24", "10.0.2.0/24"):
        subnet = ec2.create_subnet(VpcId=vpc, CidrBlock=cidr, AvailabilityZone=zone)["Subnet"]["SubnetId"]
        ec2.create_tags(Resources=[subnet], Tags=[{"Key": "network", "Value": "private"}])
        private.append(subnet)
    image = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]

    def run_instance(name):
        instance = ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1, InstanceType="t3.micro", SubnetId=public,
                                     TagSpecifications=tags("instance", {"Name": name, "hanat:managed": "true"}))
        return instance["Instances"][0]["InstanceId"]

    old = run_instance("nat-old")
    table = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    for subnet in private:
        ec2.associate_route_table(RouteTableId=table, SubnetId=subnet)
    ec2.create_route(RouteTableId=table, DestinationCidrBlock="0.0.0.0/0", InstanceId=old)
    ec2.terminate_instances(InstanceIds=[old])
    new = run_instance("nat-new")
    return {"newInstanceId": new, "vpcId": vpc, "routeTableId": table, "privateSubnetIds": private}


def terraform(args):
    """What `module "vpc" { source = "terraform-aws-modules/vpc/aws" ... }` builds with one_nat_gateway_per_az,
    create_database_subnet_route_table and manage_default_route_table/_security_group, plus what teams add beside
    it (a second private tier, the S3 endpoint, a peering, their instances): the Names are the module's. moto
    5.2.1 falls short in three places, filled here: ModifyVpcEndpoint's AddRouteTableIds records the table but
    adds no prefix-list route to it, so the endpoint is created with every private table at once (what the
    module's aws_vpc_endpoint with route_table_ids does); a VPC's default security group has no self-referencing
    ingress rule to strip; a NAT gateway's private address is not taken from its subnet. A firewall (Gateway Load
    Balancer) endpoint as a default route's target is not modelled at all, hence the transit and VPN tables."""
    ec2 = clients(args, "ec2")
    zones = args.zone or ["us-east-1a", "us-east-1b", "us-east-1c"]
    if len(zones) > 9:
        raise SystemExit("terraform: at most 9 zones (the /24 slots below)")
    if args.cross_zone_table and len(zones) < 2:
        raise SystemExit("terraform: --cross-zone-table needs two zones")
    common = {"Environment": "test", "ManagedBy": "terraform"}
    tag_key, tag_value = args.private_tag.split("=", 1)
    private_tags = {tag_key: tag_value}
    primary = list(ipaddress.ip_network(args.cidr).subnets(new_prefix=24))
    secondary = list(ipaddress.ip_network(args.secondary_cidr).subnets(new_prefix=24))

    def named(name, **extra):
        return dict(common, Name=name, **extra)

    def subnet(block, zone, name, extra=None, public=False):
        made = ec2.create_subnet(VpcId=vpc, CidrBlock=str(block), AvailabilityZone=zone,
                                 TagSpecifications=tags("subnet", named(name, **(extra or {}))))["Subnet"]["SubnetId"]
        if public:  # map_public_ip_on_launch = true, as most who keep instances in public subnets set it
            ec2.modify_subnet_attribute(SubnetId=made, MapPublicIpOnLaunch={"Value": True})
        return made

    def table(name, subnets=(), **extra):
        made = ec2.create_route_table(VpcId=vpc, TagSpecifications=tags("route-table", named(name, **extra)))["RouteTable"]["RouteTableId"]
        for each in subnets:
            ec2.associate_route_table(RouteTableId=made, SubnetId=each)
        return made

    vpc = ec2.create_vpc(CidrBlock=args.cidr, TagSpecifications=tags("vpc", named(args.name)))["Vpc"]["VpcId"]
    ec2.associate_vpc_cidr_block(VpcId=vpc, CidrBlock=args.secondary_cidr)
    ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsSupport={"Value": True})
    ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsHostnames={"Value": True})
    # manage_default_route_table: the module adopts the main table, names it, and leaves it the local routes only.
    main = ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vpc]}, {"Name": "association.main", "Values": ["true"]}])["RouteTables"][0]["RouteTableId"]
    ec2.create_tags(Resources=[main], Tags=[{"Key": k, "Value": v} for k, v in named(args.name + "-default").items()])
    # manage_default_security_group: the default group named, and stripped of its rules.
    default_group = ec2.describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [vpc]}, {"Name": "group-name", "Values": ["default"]}])["SecurityGroups"][0]
    if default_group["IpPermissions"]:
        ec2.revoke_security_group_ingress(GroupId=default_group["GroupId"], IpPermissions=default_group["IpPermissions"])
    if default_group["IpPermissionsEgress"]:
        ec2.revoke_security_group_egress(GroupId=default_group["GroupId"], IpPermissions=default_group["IpPermissionsEgress"])
    ec2.create_tags(Resources=[default_group["GroupId"]], Tags=[{"Key": k, "Value": v} for k, v in named(args.name + "-default").items()])

    gateway = ec2.create_internet_gateway(TagSpecifications=tags("internet-gateway", named(args.name)))["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=gateway, VpcId=vpc)
    public_subnets = [subnet(primary[101 + i], zone, "%s-public-%s" % (args.name, zone), {"kubernetes.io/role/elb": "1"}, public=True)
                      for i, zone in enumerate(zones)]
    public_table = table(args.name + "-public", public_subnets)
    ec2.create_route(RouteTableId=public_table, DestinationCidrBlock="0.0.0.0/0", GatewayId=gateway)

    made, private_tables = {}, []
    for i, zone in enumerate(zones):
        address = ec2.allocate_address(Domain="vpc", TagSpecifications=tags("elastic-ip", named("%s-%s" % (args.name, zone))))
        nat_gateway = ec2.create_nat_gateway(SubnetId=public_subnets[i], AllocationId=address["AllocationId"],
                                             TagSpecifications=tags("natgateway", named("%s-%s" % (args.name, zone))))["NatGateway"]["NatGatewayId"]
        # The module's private subnets, spread over the zones: the first zone holds three, all on its one table.
        app_subnets = [subnet(primary[10 * i + 1 + j], zone, "%s-private-%s" % (args.name, zone), dict(private_tags, Tier="app"))
                       for j in range(3 if i == 0 else 1)]
        worker_subnets = [subnet(primary[10 * i + 5], zone, "%s-worker-%s" % (args.name, zone), dict(private_tags, Tier="worker"))]
        app_table = table("%s-private-%s" % (args.name, zone), app_subnets)
        worker_table = table("%s-worker-%s" % (args.name, zone), worker_subnets, Tier="worker")
        for each in (app_table, worker_table):
            ec2.create_route(RouteTableId=each, DestinationCidrBlock="0.0.0.0/0", NatGatewayId=nat_gateway)
            private_tables.append(each)
        made[zone] = {
            "publicSubnetId": public_subnets[i],
            "natGatewayId": nat_gateway,
            "allocationId": address["AllocationId"],
            "publicIp": address["PublicIp"],
            "privateRouteTables": {
                "app": {"routeTableId": app_table, "subnetIds": app_subnets},
                "worker": {"routeTableId": worker_table, "subnetIds": worker_subnets},
            },
        }

    # A subnet in the secondary CIDR (pods, say), on the second zone's worker table.
    second = zones[1 % len(zones)]
    secondary_subnet = subnet(secondary[0], second, "%s-pods-%s" % (args.name, second), dict(private_tags, Tier="pods"))
    worker = made[second]["privateRouteTables"]["worker"]
    ec2.associate_route_table(RouteTableId=worker["routeTableId"], SubnetId=secondary_subnet)
    worker["subnetIds"].append(secondary_subnet)

    # A subnet no table was declared for: on the main table (local routes only), private by its tag alone.
    on_main = subnet(primary[250], zones[0], "%s-legacy-%s" % (args.name, zones[0]), private_tags)

    # create_database_subnet_route_table: one table for every zone's database subnet, and no route out.
    database_subnets = [subnet(primary[201 + i], zone, "%s-db-%s" % (args.name, zone), {"Tier": "database"}) for i, zone in enumerate(zones)]
    database_table = table(args.name + "-db", database_subnets)
    for i, zone in enumerate(zones):
        made[zone]["databaseSubnetId"] = database_subnets[i]

    cross_zone = None
    if args.cross_zone_table:
        # A table left from a single-NAT-gateway layout, still used by subnets of two zones.
        shared = [subnet(primary[240 + i], zone, "%s-shared-%s" % (args.name, zone), dict(private_tags, Tier="shared")) for i, zone in enumerate(zones[:2])]
        shared_table = table(args.name + "-shared", shared)
        ec2.create_route(RouteTableId=shared_table, DestinationCidrBlock="0.0.0.0/0", NatGatewayId=made[zones[0]]["natGatewayId"])
        private_tables.append(shared_table)
        cross_zone = {"routeTableId": shared_table, "subnetIds": shared, "zones": zones[:2], "natGatewayId": made[zones[0]]["natGatewayId"]}

    transit = None
    if args.transit_table:
        # moto keeps the transit gateway, the attachment (available at once) and the route, and routes nothing.
        transit_gateway = ec2.create_transit_gateway(TagSpecifications=tags("transit-gateway", named(args.name + "-tgw")))["TransitGateway"]["TransitGatewayId"]
        transit_subnet = subnet(primary[245], zones[0], "%s-transit-%s" % (args.name, zones[0]), dict(private_tags, Tier="transit"))
        ec2.create_transit_gateway_vpc_attachment(TransitGatewayId=transit_gateway, VpcId=vpc, SubnetIds=[transit_subnet])
        transit_table = table(args.name + "-transit", [transit_subnet])
        ec2.create_route(RouteTableId=transit_table, DestinationCidrBlock="0.0.0.0/0", TransitGatewayId=transit_gateway)
        transit = {"routeTableId": transit_table, "subnetId": transit_subnet, "transitGatewayId": transit_gateway}

    vpn = None
    if args.vpn_table:
        vpn_gateway = ec2.create_vpn_gateway(Type="ipsec.1", TagSpecifications=tags("vpn-gateway", named(args.name + "-vgw")))["VpnGateway"]["VpnGatewayId"]
        ec2.attach_vpn_gateway(VpnGatewayId=vpn_gateway, VpcId=vpc)
        vpn_subnet = subnet(primary[246], zones[0], "%s-vpn-%s" % (args.name, zones[0]), dict(private_tags, Tier="vpn"))
        vpn_table = table(args.name + "-vpn", [vpn_subnet])
        ec2.create_route(RouteTableId=vpn_table, DestinationCidrBlock="0.0.0.0/0", GatewayId=vpn_gateway)
        vpn = {"routeTableId": vpn_table, "subnetId": vpn_subnet, "vpnGatewayId": vpn_gateway}

    blackhole = None
    if args.blackhole_table:
        # A table whose NAT gateway was deleted by hand: AWS shows its default route as a blackhole and frees the
        # gateway's address (still allocated). moto keeps the route "active" and the address associated; the
        # address is disassociated here, the route state cannot be helped (test around it).
        orphan_address = ec2.allocate_address(Domain="vpc", TagSpecifications=tags("elastic-ip", named(args.name + "-orphan")))
        orphan_gateway = ec2.create_nat_gateway(SubnetId=public_subnets[0], AllocationId=orphan_address["AllocationId"],
                                                TagSpecifications=tags("natgateway", named(args.name + "-orphan")))["NatGateway"]["NatGatewayId"]
        orphan_subnet = subnet(primary[247], zones[0], "%s-orphan-%s" % (args.name, zones[0]), dict(private_tags, Tier="orphan"))
        orphan_table = table(args.name + "-orphan", [orphan_subnet])
        ec2.create_route(RouteTableId=orphan_table, DestinationCidrBlock="0.0.0.0/0", NatGatewayId=orphan_gateway)
        ec2.delete_nat_gateway(NatGatewayId=orphan_gateway)
        association = ec2.describe_addresses(AllocationIds=[orphan_address["AllocationId"]])["Addresses"][0].get("AssociationId")
        if association:
            ec2.disassociate_address(AssociationId=association)
        private_tables.append(orphan_table)
        blackhole = {"routeTableId": orphan_table, "subnetId": orphan_subnet, "natGatewayId": orphan_gateway,
                     "allocationId": orphan_address["AllocationId"]}

    nat_instance = None
    if args.nat_instance_table:
        # Someone's own NAT instance (fck-nat, say) in the first zone's public subnet, source/dest check off.
        instance = ec2.run_instances(ImageId=IMAGE, MinCount=1, MaxCount=1, InstanceType="t4g.nano", SubnetId=public_subnets[0],
                                     TagSpecifications=tags("instance", named(args.name + "-fck-nat")))["Instances"][0]["InstanceId"]
        ec2.modify_instance_attribute(InstanceId=instance, SourceDestCheck={"Value": False})
        instance_subnet = subnet(primary[248], zones[0], "%s-natinstance-%s" % (args.name, zones[0]), dict(private_tags, Tier="nat-instance"))
        instance_table = table(args.name + "-nat-instance", [instance_subnet])
        ec2.create_route(RouteTableId=instance_table, DestinationCidrBlock="0.0.0.0/0", InstanceId=instance)
        private_tables.append(instance_table)
        nat_instance = {"routeTableId": instance_table, "subnetId": instance_subnet, "instanceId": instance}

    # The S3 gateway endpoint on every private table (cross-zone included: it is one), in one call (see above).
    endpoint = ec2.create_vpc_endpoint(VpcId=vpc, ServiceName="com.amazonaws.%s.s3" % args.region, VpcEndpointType="Gateway",
                                       RouteTableIds=private_tables, TagSpecifications=tags("vpc-endpoint", named(args.name + "-s3")))["VpcEndpoint"]["VpcEndpointId"]
    # A peering to a second, small VPC of the same account, routed from every private table.
    peer = ec2.create_vpc(CidrBlock=args.peer_cidr, TagSpecifications=tags("vpc", named(args.name + "-peer")))["Vpc"]["VpcId"]
    peering = ec2.create_vpc_peering_connection(VpcId=vpc, PeerVpcId=peer, TagSpecifications=tags("vpc-peering-connection", named(args.name + "-to-peer")))["VpcPeeringConnection"]["VpcPeeringConnectionId"]
    ec2.accept_vpc_peering_connection(VpcPeeringConnectionId=peering)
    for each in private_tables:
        ec2.create_route(RouteTableId=each, DestinationCidrBlock=args.peer_cidr, VpcPeeringConnectionId=peering)

    # Someone's application: an instance per zone in the app tier with its own group, and a database group.
    app_group = ec2.create_security_group(GroupName=args.name + "-app", Description="app servers", VpcId=vpc,
                                          TagSpecifications=tags("security-group", named(args.name + "-app")))["GroupId"]
    ec2.authorize_security_group_ingress(GroupId=app_group, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080, "IpRanges": [{"CidrIp": args.cidr, "Description": "from the VPC"}]}])
    database_group = ec2.create_security_group(GroupName=args.name + "-db", Description="databases", VpcId=vpc,
                                               TagSpecifications=tags("security-group", named(args.name + "-db")))["GroupId"]
    ec2.authorize_security_group_ingress(GroupId=database_group, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "UserIdGroupPairs": [{"GroupId": app_group}]}])
    for zone in zones:
        instance = ec2.run_instances(ImageId=IMAGE, MinCount=1, MaxCount=1, InstanceType="t3.micro",
                                     SubnetId=made[zone]["privateRouteTables"]["app"]["subnetIds"][0], SecurityGroupIds=[app_group],
                                     TagSpecifications=tags("instance", named("%s-app-%s" % (args.name, zone), Team="payments")))["Instances"][0]
        made[zone]["instanceId"] = instance["InstanceId"]

    return {
        "vpcId": vpc,
        "name": args.name,
        "cidrs": [args.cidr, args.secondary_cidr],
        "mainRouteTableId": main,
        "internetGatewayId": gateway,
        "publicRouteTableId": public_table,
        "databaseRouteTableId": database_table,
        "privateRouteTableIds": private_tables,
        "mainTableSubnet": {"subnetId": on_main, "zone": zones[0]},
        "secondarySubnet": {"subnetId": secondary_subnet, "zone": second, "routeTableId": worker["routeTableId"]},
        "s3EndpointId": endpoint,
        "peering": {"connectionId": peering, "peerVpcId": peer, "peerCidr": args.peer_cidr},
        "securityGroups": {"default": default_group["GroupId"], "app": app_group, "database": database_group},
        "zones": made,
        "crossZone": cross_zone,
        "transit": transit,
        "vpn": vpn,
        "blackhole": blackhole,
        "natInstance": nat_instance,
    }


def routes(args):
    table = clients(args, "ec2").describe_route_tables(RouteTableIds=[args.route_table])["RouteTables"][0]
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


def parser():
    top = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = top.add_subparsers(dest="command", required=True)
    shaped = commands.add_parser("zones")
    shaped.add_argument("--cidr-prefix", default="10.0")
    shaped.add_argument("--zone", action="append")
    shaped.add_argument("--private-subnets-per-zone", type=int, default=1)
    shaped.add_argument("--private-table", choices=["Own", "Shared", "Main"], default="Shared")
    shaped.add_argument("--private-tag", default="network=private")
    single = commands.add_parser("nat")
    single.add_argument("--cidr", action="append", required=True, help="the VPC's CIDR blocks, primary first")
    single.add_argument("--zone", required=True)
    single.add_argument("--public-subnet", required=True)
    single.add_argument("--private-subnet", required=True)
    single.add_argument("--tag-key", default="network")
    single.add_argument("--tag-value", default="private")
    single.add_argument("--image", default=IMAGE)
    multi = commands.add_parser("ha")
    multi.add_argument("--vpc-name", required=True)
    multi.add_argument("--cidr", required=True)
    multi.add_argument("--zone", action="append", required=True, help="ZONE,PUBLIC_SUBNET,PRIVATE_SUBNET,NAT_IP")
    multi.add_argument("--routed", action="store_true", help="each private table routed to its NAT, source/dest check off")
    multi.add_argument("--existing", action="store_true", help="as before HaNat came: no hanat:* tag, no group, plain instances")
    existing = commands.add_parser("terraform")
    existing.add_argument("--name", default="tf", help="the module's name: every Name tag starts with it")
    existing.add_argument("--zone", action="append", help="default us-east-1a, us-east-1b, us-east-1c")
    existing.add_argument("--cidr", default="10.40.0.0/16", help="a /16")
    existing.add_argument("--secondary-cidr", default="10.41.0.0/16")
    existing.add_argument("--peer-cidr", default="10.50.0.0/16", help="the peered VPC's")
    existing.add_argument("--private-tag", default="network=private", help="KEY=VALUE on every private (not database) subnet")
    existing.add_argument("--cross-zone-table", action="store_true", help="a table shared by subnets of the first two zones")
    existing.add_argument("--transit-table", action="store_true", help="a table whose 0.0.0.0/0 goes to a transit gateway")
    existing.add_argument("--vpn-table", action="store_true", help="a table whose 0.0.0.0/0 goes to a VPN gateway")
    existing.add_argument("--blackhole-table", action="store_true", help="a table whose 0.0.0.0/0 goes to a deleted NAT gateway")
    existing.add_argument("--nat-instance-table", action="store_true", help="a table whose 0.0.0.0/0 goes to someone's NAT instance")
    bench = commands.add_parser("takeover")
    read = commands.add_parser("routes")
    read.add_argument("--route-table", required=True)
    recorded = commands.add_parser("actions")
    for sub in (shaped, single, multi, existing, bench, read, recorded):
        sub.add_argument("--endpoint", required=True)
        sub.add_argument("--region", default="us-east-1")
    return top


def main(argv=None):
    args = parser().parse_args(argv)
    command = {"zones": zones, "nat": nat, "ha": ha, "terraform": terraform, "takeover": takeover, "routes": routes, "actions": actions}[args.command]
    json.dump(command(args), sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
