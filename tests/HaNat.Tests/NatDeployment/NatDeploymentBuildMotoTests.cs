using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;
using HaNat.Aws;
using HaNat.Aws.AutoScaling.Model;
using HaNat.Aws.CloudWatch.Model;
using HaNat.Aws.Iam.Model;
using HaNat.Build;
using HaNat.Layout;
using HaNat.Model;
using HaNat.NatDeployment;
using HaNat.Network;
using HaNat.Tagging;
using HaNat.Tests.Infrastructure;
using Xunit;
using Filter = Amazon.EC2.Model.Filter;

namespace HaNat.Tests.NatDeployment
{
    /// <summary>
    /// A NAT deployment built against moto into a VPC made with the plain SDK (one HaNat did not build), its target
    /// known up front; and the one journal a new VPC's network and deployment share. Each test uses its own names.
    /// </summary>
    [Collection(MotoCollection.Name)]
    public sealed class NatDeploymentBuildMotoTests
    {
        private const string Region = "eu-west-1";
        private readonly MotoServer _moto;

        public NatDeploymentBuildMotoTests(MotoServer moto)
        {
            _moto = moto;
            _moto.ResetForClass(GetType());
        }

        private static async Task<(string Vpc, List<string> Subnets)> ForeignVpcAsync(IAmazonEC2 ec2, string octets)
        {
            var vpc = (await ec2.CreateVpcAsync(new CreateVpcRequest { CidrBlock = octets + ".0.0/16" })).Vpc.VpcId;
            var gateway = (await ec2.CreateInternetGatewayAsync(new CreateInternetGatewayRequest())).InternetGateway.InternetGatewayId;
            await ec2.AttachInternetGatewayAsync(new AttachInternetGatewayRequest { InternetGatewayId = gateway, VpcId = vpc });
            var subnets = new List<string>();
            foreach (var (zone, third) in new[] { (Region + "a", 1), (Region + "b", 2) })
            {
                subnets.Add((await ec2.CreateSubnetAsync(new CreateSubnetRequest { VpcId = vpc, CidrBlock = $"{octets}.{third}.0/24", AvailabilityZone = zone })).Subnet.SubnetId);
            }
            return (vpc, subnets);
        }

        private static async Task<string> ImageAsync(IAmazonEC2 ec2) =>
            (await ec2.DescribeImagesAsync(new DescribeImagesRequest { Filters = new List<Filter> { new Filter("architecture", new List<string> { "x86_64" }) } }))
            .Images.Select(i => i.ImageId).First(id => id.Length == 12 || id.Length == 21);

        private static NatDeploymentLayout Layout(string name, string octets, string imageId, bool spot = false, bool alarms = false) => NatDeploymentPlanner.Plan(new NatDeploymentRequest
        {
            Name = name,
            Region = Region,
            VpcCidrBlocks = new[] { Ipv4Block.TryParse(octets + ".0.0/16")! },
            ForwardedRanges = new[] { Ipv4Block.TryParse(octets + ".0.0/16")! },
            AvailabilityZones = new[] { Region + "a", Region + "b" },
            Nat = { Architecture = NatArchitecture.X86_64, ImageId = imageId, Spot = spot, Alarms = alarms },
        });

        private static async Task RunAsync(IEnumerable<BuildStep> steps)
        {
            foreach (var step in steps) await step.Run();
        }

        private static async Task<List<string>> SubnetsOfAsync(IAmazonEC2 ec2, string vpc) =>
            ((await ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest { Filters = new List<Filter> { new Filter("vpc-id", new List<string> { vpc }) } }))
            .Subnets ?? new List<Subnet>()).Select(s => s.SubnetId).OrderBy(s => s).ToList();

        private static async Task<List<Address>> AddressesOfAsync(IAmazonEC2 ec2, string vpc) =>
            (await ec2.DescribeAddressesAsync(new DescribeAddressesRequest { Filters = new List<Filter> { new Filter("tag:" + HaNatTags.VpcId, new List<string> { vpc }) } }))
            .Addresses ?? new List<Address>();

        private static async Task<List<SecurityGroup>> NatGroupsAsync(IAmazonEC2 ec2, string vpc, string name) =>
            (await ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest
            {
                Filters = new List<Filter> { new Filter("vpc-id", new List<string> { vpc }), new Filter("group-name", new List<string> { name }) },
            })).SecurityGroups ?? new List<SecurityGroup>();

        [Fact]
        public async Task BuildsIntoAVpcItDidNotBuildAcrossTheSubnetsItWasGiven()
        {
            var session = _moto.Session(Region);
            using var ec2 = session.CreateEc2Client();
            using var iam = session.CreateIamClient();
            using var autoScaling = session.CreateAutoScalingClient();
            using var ssm = session.CreateSsmClient();
            var (vpc, subnets) = await ForeignVpcAsync(ec2, "10.61");
            var context = new BuildContext(session, ec2, iam, autoScaling, ssm);
            var target = new NatDeploymentTarget(LateId.Known(vpc), subnets.Select(s => LateId.Known(s)).ToList());
            // The root volume's size stated, as New-HaNatVpc's preflight reads it from the image: moto does not inherit it.
            var build = new NatDeploymentBuild(Layout("adopted", "10.61", await ImageAsync(ec2)), target, context, rootVolumeSizeGiB: 8);

            await RunAsync(build.Steps);

            var group = Assert.Single(await NatGroupsAsync(ec2, vpc, "adopted-nat-sg"));
            Assert.Equal(build.SecurityGroupId, group.GroupId);
            Assert.Contains(group.IpPermissions, p => p.IpProtocol == "-1" && p.Ipv4Ranges.Any(r => r.CidrIp == "10.61.0.0/16"));
            Assert.Equal(build.AllocationIds.OrderBy(a => a), (await AddressesOfAsync(ec2, vpc)).Select(a => a.AllocationId).OrderBy(a => a));
            var groups = await autoScaling.DescribeAutoScalingGroupsAsync(new DescribeAutoScalingGroupsRequest { AutoScalingGroupNames = new List<string> { "adopted-nat-asg" } });
            Assert.Equal(subnets, Assert.Single(groups.AutoScalingGroups).VPCZoneIdentifier.Split(','));
            Assert.True(await context.Probe.GroupIsOfAsync("adopted-nat-asg", vpc));
            // The deployment made nothing of the network: the VPC has the subnets it had.
            Assert.Equal(subnets.OrderBy(s => s), await SubnetsOfAsync(ec2, vpc));
        }

        [Fact]
        public async Task ASpotGroupIsMadeWithItsMixedInstancesPolicyAndReadsBackAsSpot()
        {
            var session = _moto.Session(Region);
            using var ec2 = session.CreateEc2Client();
            using var iam = session.CreateIamClient();
            using var autoScaling = session.CreateAutoScalingClient();
            using var ssm = session.CreateSsmClient();
            var (vpc, subnets) = await ForeignVpcAsync(ec2, "10.64");
            var context = new BuildContext(session, ec2, iam, autoScaling, ssm);
            var target = new NatDeploymentTarget(LateId.Known(vpc), subnets.Select(s => LateId.Known(s)).ToList());
            var build = new NatDeploymentBuild(Layout("spotty", "10.64", await ImageAsync(ec2), spot: true), target, context, rootVolumeSizeGiB: 8);

            await RunAsync(build.Steps);

            var group = Assert.Single((await autoScaling.DescribeAutoScalingGroupsAsync(
                new DescribeAutoScalingGroupsRequest { AutoScalingGroupNames = new List<string> { "spotty-nat-asg" } })).AutoScalingGroups);
            // The template is named inside the policy, not beside it.
            Assert.Null(group.LaunchTemplate);
            var policy = group.MixedInstancesPolicy;
            Assert.Equal(build.LaunchTemplateId, policy.LaunchTemplate.LaunchTemplateSpecification.LaunchTemplateId);
            Assert.Equal(new[] { "t3.nano", "t3a.nano", "t3.micro", "t3a.micro" }, policy.LaunchTemplate.Overrides.Select(o => o.InstanceType));
            Assert.Equal(1, policy.InstancesDistribution.OnDemandBaseCapacity);
            Assert.Equal(0, policy.InstancesDistribution.OnDemandPercentageAboveBaseCapacity);
            Assert.Equal("price-capacity-optimized", policy.InstancesDistribution.SpotAllocationStrategy);
            Assert.Equal("prioritized", policy.InstancesDistribution.OnDemandAllocationStrategy);
            Assert.True(group.CapacityRebalance);
            Assert.True(SpotPolicy.IsSpot(policy));
            // moto launches the group's capacity from the first override, as "prioritized" would.
            Assert.Equal(2, group.Instances.Count);
            Assert.All(group.Instances, i => Assert.Equal("t3.nano", i.InstanceType));
            Assert.True(await context.Probe.GroupIsOfAsync("spotty-nat-asg", vpc));
        }

        [Fact]
        public async Task TheAlarmsAreMadeTaggedAndARollBackDeletesThem()
        {
            var session = _moto.Session(Region);
            using var ec2 = session.CreateEc2Client();
            using var iam = session.CreateIamClient();
            using var autoScaling = session.CreateAutoScalingClient();
            using var ssm = session.CreateSsmClient();
            using var cloudWatch = session.CreateCloudWatchClient();
            var (vpc, subnets) = await ForeignVpcAsync(ec2, "10.63");
            var context = new BuildContext(session, ec2, iam, autoScaling, ssm);
            var target = new NatDeploymentTarget(LateId.Known(vpc), subnets.Select(s => LateId.Known(s)).ToList());
            var build = new NatDeploymentBuild(Layout("alarmed", "10.63", await ImageAsync(ec2), alarms: true), target, context, rootVolumeSizeGiB: 8);
            // Everything but the last alarm, as if its step had failed.
            await RunAsync(build.Steps.Take(build.Steps.Count - 1));
            var made = await cloudWatch.DescribeAllAlarmsAsync(new HaNat.Aws.CloudWatch.Model.DescribeAlarmsRequest { AlarmNamePrefix = "hanat-alarmed-" });
            Assert.Equal(7, made.Count);
            Assert.True(await new HaNat.Alarms.AlarmReads(session, cloudWatch).IsOfAsync("hanat-alarmed-" + Region + "a-served-by-peer", vpc));
            Assert.Equal(new[] { "AvailabilityZone=" + Region + "a", "VpcName=alarmed" },
                made[0].Dimensions.Select(d => d.Name + "=" + d.Value).OrderBy(d => d, StringComparer.Ordinal));

            Assert.Empty(await context.Journal.RollBackAsync(_ => { }));

            Assert.Empty(await cloudWatch.DescribeAllAlarmsAsync(new HaNat.Aws.CloudWatch.Model.DescribeAlarmsRequest { AlarmNamePrefix = "hanat-alarmed-" }));
        }

        [Fact]
        public async Task ARollBackRemovesTheDeploymentAndLeavesTheVpcItWasPutIn()
        {
            var session = _moto.Session(Region);
            using var ec2 = session.CreateEc2Client();
            using var iam = session.CreateIamClient();
            using var autoScaling = session.CreateAutoScalingClient();
            using var ssm = session.CreateSsmClient();
            var (vpc, subnets) = await ForeignVpcAsync(ec2, "10.62");
            var context = new BuildContext(session, ec2, iam, autoScaling, ssm);
            var target = new NatDeploymentTarget(LateId.Known(vpc), subnets.Select(s => LateId.Known(s)).ToList());
            var build = new NatDeploymentBuild(Layout("rolled", "10.62", await ImageAsync(ec2)), target, context, rootVolumeSizeGiB: 8);
            // Everything but the group, as if the group's step had failed.
            await RunAsync(build.Steps.Take(build.Steps.Count - 1));
            Assert.Single(await NatGroupsAsync(ec2, vpc, "rolled-nat-sg"));

            Assert.Empty(await context.Journal.RollBackAsync(_ => { }));

            Assert.Empty(await NatGroupsAsync(ec2, vpc, "rolled-nat-sg"));
            Assert.Empty(await AddressesOfAsync(ec2, vpc));
            Assert.False(await AwsExistence.ExistsAsync(() => iam.GetRoleAsync(new GetRoleRequest { RoleName = "rolled-nat-" + Region })));
            Assert.False(await context.Probe.LaunchTemplateIsOfAsync("rolled-nat-lt", vpc));
            Assert.Equal(subnets.OrderBy(s => s), await SubnetsOfAsync(ec2, vpc));
        }

        [Fact]
        public async Task ANewVpcsNetworkAndDeploymentShareOneJournal()
        {
            var session = _moto.Session(Region);
            using var ec2 = session.CreateEc2Client();
            var layout = VpcLayoutPlanner.Plan(new VpcLayoutRequest
            {
                Name = "shared", CidrBlock = "10.63", AvailabilityZones = new[] { Region + "a" }, Region = Region,
                Architecture = NatArchitecture.X86_64, ImageId = await ImageAsync(ec2),
            });
            var build = new VpcBuild(layout, session, ec2, session.CreateIamClient(), session.CreateAutoScalingClient(), session.CreateSsmClient());
            // The network, then the deployment's group and address: a failure in the deployment from here on.
            await RunAsync(build.Steps.TakeWhile(s => s.Action != "Create IAM role"));
            var created = build.Journal.Created;
            Assert.StartsWith("VPC vpc-", created.First());
            Assert.StartsWith("Elastic IP ", created.Last());
            var vpc = created.First().Substring("VPC ".Length);

            Assert.Empty(await build.RollBackAsync());

            // The SDK gives an empty list as null.
            Assert.Empty((await ec2.DescribeVpcsAsync(new DescribeVpcsRequest { Filters = new List<Filter> { new Filter("vpc-id", new List<string> { vpc }) } })).Vpcs ?? new List<Vpc>());
            Assert.Empty(await AddressesOfAsync(ec2, vpc));
        }
    }
}
