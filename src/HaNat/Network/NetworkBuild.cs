using Amazon.EC2.Model;
using HaNat.Build;
using HaNat.Layout;

namespace HaNat.Network
{
    /// <summary>
    /// Builds a planned network in AWS: the VPC, the internet gateway, the public route table, and per zone the
    /// subnets and the private route table; one <see cref="BuildStep"/> per write, each recording its undo in the
    /// context's shared journal. The ids it makes are read by the steps after it, and by the NAT deployment's target.
    /// </summary>
    internal sealed class NetworkBuild
    {
        private readonly NetworkLayout _layout;
        private readonly BuildContext _context;
        private readonly string?[] _publicSubnetIds;
        private readonly string?[] _privateSubnetIds;
        private readonly string?[] _privateRouteTableIds;

        public NetworkBuild(NetworkLayout layout, BuildContext context)
        {
            _layout = layout;
            _context = context;
            _publicSubnetIds = new string?[layout.Zones.Count];
            _privateSubnetIds = new string?[layout.Zones.Count];
            _privateRouteTableIds = new string?[layout.Zones.Count];
            Steps = PlanSteps();
        }

        public IReadOnlyList<BuildStep> Steps { get; }

        public string? VpcId { get; private set; }
        public string? InternetGatewayId { get; private set; }
        public string? PublicRouteTableId { get; private set; }
        public IReadOnlyList<string?> PublicSubnetIds => _publicSubnetIds;
        public IReadOnlyList<string?> PrivateSubnetIds => _privateSubnetIds;
        public IReadOnlyList<string?> PrivateRouteTableIds => _privateRouteTableIds;

        /// <summary>The id of one of the layout's subnets; null until the step that creates it has run.</summary>
        public string? SubnetIdOf(SubnetLayout subnet)
        {
            var zone = _layout.Zones.First(z => z.PublicSubnet == subnet || z.PrivateSubnet == subnet);
            return subnet.IsPrivate ? _privateSubnetIds[zone.Index] : _publicSubnetIds[zone.Index];
        }

        private List<BuildStep> PlanSteps()
        {
            var l = _layout;
            var steps = new List<BuildStep>
            {
                new BuildStep("Create VPC", $"{l.Vpc.Name} ({l.Cidr})", CreateVpcAsync),
                new BuildStep("Turn on DNS support and DNS hostnames", l.Vpc.Name, EnableDnsAsync),
                new BuildStep("Create internet gateway", l.InternetGateway.Name, CreateInternetGatewayAsync),
                new BuildStep("Attach internet gateway", $"{l.InternetGateway.Name} to {l.Vpc.Name}", AttachInternetGatewayAsync),
                new BuildStep("Create route table", l.PublicRouteTable.Name, CreatePublicRouteTableAsync),
                new BuildStep("Create route", $"{NetworkLayout.InternetCidr} to {l.InternetGateway.Name} in {l.PublicRouteTable.Name}", CreatePublicRouteAsync),
            };
            for (var i = 0; i < l.Zones.Count; i++)
            {
                var zone = l.Zones[i];
                var index = i;
                steps.Add(new BuildStep("Create subnet", $"{zone.PublicSubnet.Name} ({zone.PublicSubnet.Cidr}, {zone.AvailabilityZone})", () => CreateSubnetAsync(index, false)));
                steps.Add(new BuildStep("Associate route table", $"{zone.PublicSubnet.Name} with {l.PublicRouteTable.Name}", () => AssociatePublicAsync(index)));
                steps.Add(new BuildStep("Create subnet", $"{zone.PrivateSubnet.Name} ({zone.PrivateSubnet.Cidr}, {zone.AvailabilityZone}, network=private)", () => CreateSubnetAsync(index, true)));
                steps.Add(new BuildStep("Create route table", $"{zone.PrivateRouteTable.Name} (no default route until the zone's NAT takes it over)", () => CreatePrivateRouteTableAsync(index)));
                steps.Add(new BuildStep("Associate route table", $"{zone.PrivateSubnet.Name} with {zone.PrivateRouteTable.Name}", () => AssociatePrivateAsync(index)));
            }
            return steps;
        }

        private string Vpc => BuildContext.Required(VpcId);

        private async Task CreateVpcAsync()
        {
            var request = new CreateVpcRequest { CidrBlock = _layout.Cidr.ToString(), TagSpecifications = BuildTags.Ec2("vpc", _layout.Vpc.Tags) };
            var response = await _context.Ec2("CreateVpc", _layout.Cidr.ToString(), ct => _context.Ec2Client.CreateVpcAsync(request, ct)).ConfigureAwait(false);
            var id = response.Vpc.VpcId;
            VpcId = id;
            _context.Journal.Record("VPC " + id, () => _context.Ec2("DeleteVpc", id, ct => _context.Ec2Client.DeleteVpcAsync(new DeleteVpcRequest { VpcId = id }, ct)));
        }

        // EC2 takes one attribute per call. Hostnames let the NATs and private hosts resolve AWS endpoints by name.
        private async Task EnableDnsAsync()
        {
            await _context.Ec2("ModifyVpcAttribute", Vpc + " EnableDnsSupport", ct => _context.Ec2Client.ModifyVpcAttributeAsync(
                new ModifyVpcAttributeRequest { VpcId = Vpc, EnableDnsSupport = true }, ct)).ConfigureAwait(false);
            await _context.Ec2("ModifyVpcAttribute", Vpc + " EnableDnsHostnames", ct => _context.Ec2Client.ModifyVpcAttributeAsync(
                new ModifyVpcAttributeRequest { VpcId = Vpc, EnableDnsHostnames = true }, ct)).ConfigureAwait(false);
        }

        private async Task CreateInternetGatewayAsync()
        {
            var request = new CreateInternetGatewayRequest { TagSpecifications = BuildTags.Ec2("internet-gateway", _layout.InternetGateway.TagsWithVpcId(Vpc)) };
            var response = await _context.Ec2("CreateInternetGateway", string.Empty, ct => _context.Ec2Client.CreateInternetGatewayAsync(request, ct)).ConfigureAwait(false);
            var id = response.InternetGateway.InternetGatewayId;
            InternetGatewayId = id;
            _context.Journal.Record("internet gateway " + id, () => _context.Ec2("DeleteInternetGateway", id,
                ct => _context.Ec2Client.DeleteInternetGatewayAsync(new DeleteInternetGatewayRequest { InternetGatewayId = id }, ct)));
        }

        private async Task AttachInternetGatewayAsync()
        {
            var id = BuildContext.Required(InternetGatewayId);
            var vpc = Vpc;
            await _context.Ec2("AttachInternetGateway", $"{id} to {vpc}", ct => _context.Ec2Client.AttachInternetGatewayAsync(
                new AttachInternetGatewayRequest { InternetGatewayId = id, VpcId = vpc }, ct)).ConfigureAwait(false);
            _context.Journal.Record($"attachment of {id} to {vpc}", () => _context.Ec2("DetachInternetGateway", $"{id} from {vpc}",
                ct => _context.Ec2Client.DetachInternetGatewayAsync(new DetachInternetGatewayRequest { InternetGatewayId = id, VpcId = vpc }, ct)));
        }

        private async Task CreatePublicRouteTableAsync() =>
            PublicRouteTableId = await CreateRouteTableAsync(_layout.PublicRouteTable).ConfigureAwait(false);

        private async Task CreatePrivateRouteTableAsync(int zone) =>
            _privateRouteTableIds[zone] = await CreateRouteTableAsync(_layout.Zones[zone].PrivateRouteTable).ConfigureAwait(false);

        private async Task<string> CreateRouteTableAsync(ResourceLayout table)
        {
            var request = new CreateRouteTableRequest { VpcId = Vpc, TagSpecifications = BuildTags.Ec2("route-table", table.TagsWithVpcId(Vpc)) };
            var response = await _context.Ec2("CreateRouteTable", table.Name, ct => _context.Ec2Client.CreateRouteTableAsync(request, ct)).ConfigureAwait(false);
            var id = response.RouteTable.RouteTableId;
            _context.Journal.Record("route table " + id, () => _context.Ec2("DeleteRouteTable", id,
                ct => _context.Ec2Client.DeleteRouteTableAsync(new DeleteRouteTableRequest { RouteTableId = id }, ct)));
            return id;
        }

        // The route goes with its table; it needs no undo of its own.
        private Task CreatePublicRouteAsync()
        {
            var request = new CreateRouteRequest
            {
                RouteTableId = BuildContext.Required(PublicRouteTableId),
                DestinationCidrBlock = NetworkLayout.InternetCidr,
                GatewayId = BuildContext.Required(InternetGatewayId),
            };
            return _context.Ec2("CreateRoute", $"{request.RouteTableId} {NetworkLayout.InternetCidr} -> {request.GatewayId}", ct => _context.Ec2Client.CreateRouteAsync(request, ct));
        }

        private async Task CreateSubnetAsync(int zone, bool isPrivate)
        {
            var layout = isPrivate ? _layout.Zones[zone].PrivateSubnet : _layout.Zones[zone].PublicSubnet;
            var request = new CreateSubnetRequest
            {
                VpcId = Vpc,
                CidrBlock = layout.Cidr.ToString(),
                AvailabilityZone = layout.AvailabilityZone,
                TagSpecifications = BuildTags.Ec2("subnet", layout.TagsWithVpcId(Vpc)),
            };
            var response = await _context.Ec2("CreateSubnet", $"{layout.Cidr} {layout.AvailabilityZone}", ct => _context.Ec2Client.CreateSubnetAsync(request, ct)).ConfigureAwait(false);
            var id = response.Subnet.SubnetId;
            if (isPrivate) _privateSubnetIds[zone] = id;
            else _publicSubnetIds[zone] = id;
            _context.Journal.Record("subnet " + id, () => _context.Ec2("DeleteSubnet", id, ct => _context.Ec2Client.DeleteSubnetAsync(new DeleteSubnetRequest { SubnetId = id }, ct)));
        }

        private Task AssociatePublicAsync(int zone) =>
            AssociateAsync(BuildContext.Required(PublicRouteTableId), BuildContext.Required(_publicSubnetIds[zone]));

        private Task AssociatePrivateAsync(int zone) =>
            AssociateAsync(BuildContext.Required(_privateRouteTableIds[zone]), BuildContext.Required(_privateSubnetIds[zone]));

        private async Task AssociateAsync(string tableId, string subnetId)
        {
            var response = await _context.Ec2("AssociateRouteTable", $"{subnetId} with {tableId}", ct => _context.Ec2Client.AssociateRouteTableAsync(
                new AssociateRouteTableRequest { RouteTableId = tableId, SubnetId = subnetId }, ct)).ConfigureAwait(false);
            var association = response.AssociationId;
            _context.Journal.Record($"association of {subnetId} with {tableId}", () => _context.Ec2("DisassociateRouteTable", association,
                ct => _context.Ec2Client.DisassociateRouteTableAsync(new DisassociateRouteTableRequest { AssociationId = association }, ct)));
        }
    }
}
