using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;
using HaNat.Layout;

namespace HaNat.Build
{
    /// <summary>The network steps of a build: VPC, gateway, route tables, subnets, security group, Elastic IPs.</summary>
    internal sealed partial class VpcBuild
    {
        private async Task CreateVpcAsync()
        {
            var request = new CreateVpcRequest { CidrBlock = _layout.Cidr.ToString(), TagSpecifications = BuildTags.Ec2("vpc", _layout.Vpc.Tags) };
            var response = await Ec2("CreateVpc", _layout.Cidr.ToString(), ct => _ec2.CreateVpcAsync(request, ct)).ConfigureAwait(false);
            var id = response.Vpc.VpcId;
            _ids.VpcId = id;
            Journal.Record("VPC " + id, () => Ec2("DeleteVpc", id, ct => _ec2.DeleteVpcAsync(new DeleteVpcRequest { VpcId = id }, ct)));
        }

        // EC2 takes one attribute per call. Hostnames let the NATs and private hosts resolve AWS endpoints by name.
        private async Task EnableDnsAsync()
        {
            await Ec2("ModifyVpcAttribute", VpcId + " EnableDnsSupport", ct => _ec2.ModifyVpcAttributeAsync(
                new ModifyVpcAttributeRequest { VpcId = VpcId, EnableDnsSupport = true }, ct)).ConfigureAwait(false);
            await Ec2("ModifyVpcAttribute", VpcId + " EnableDnsHostnames", ct => _ec2.ModifyVpcAttributeAsync(
                new ModifyVpcAttributeRequest { VpcId = VpcId, EnableDnsHostnames = true }, ct)).ConfigureAwait(false);
        }

        private async Task CreateInternetGatewayAsync()
        {
            var request = new CreateInternetGatewayRequest { TagSpecifications = BuildTags.Ec2("internet-gateway", _layout.InternetGateway.TagsWithVpcId(VpcId)) };
            var response = await Ec2("CreateInternetGateway", string.Empty, ct => _ec2.CreateInternetGatewayAsync(request, ct)).ConfigureAwait(false);
            var id = response.InternetGateway.InternetGatewayId;
            _ids.InternetGatewayId = id;
            Journal.Record("internet gateway " + id, () => Ec2("DeleteInternetGateway", id,
                ct => _ec2.DeleteInternetGatewayAsync(new DeleteInternetGatewayRequest { InternetGatewayId = id }, ct)));
        }

        private async Task AttachInternetGatewayAsync()
        {
            var id = Required(_ids.InternetGatewayId);
            var vpc = VpcId;
            await Ec2("AttachInternetGateway", $"{id} to {vpc}", ct => _ec2.AttachInternetGatewayAsync(
                new AttachInternetGatewayRequest { InternetGatewayId = id, VpcId = vpc }, ct)).ConfigureAwait(false);
            Journal.Record($"attachment of {id} to {vpc}", () => Ec2("DetachInternetGateway", $"{id} from {vpc}",
                ct => _ec2.DetachInternetGatewayAsync(new DetachInternetGatewayRequest { InternetGatewayId = id, VpcId = vpc }, ct)));
        }

        private async Task CreatePublicRouteTableAsync() =>
            _ids.PublicRouteTableId = await CreateRouteTableAsync(_layout.PublicRouteTable).ConfigureAwait(false);

        private async Task CreatePrivateRouteTableAsync(int zone) =>
            _ids.PrivateRouteTables[zone] = await CreateRouteTableAsync(_layout.Zones[zone].PrivateRouteTable).ConfigureAwait(false);

        private async Task<string> CreateRouteTableAsync(ResourceLayout table)
        {
            var request = new CreateRouteTableRequest { VpcId = VpcId, TagSpecifications = BuildTags.Ec2("route-table", table.TagsWithVpcId(VpcId)) };
            var response = await Ec2("CreateRouteTable", table.Name, ct => _ec2.CreateRouteTableAsync(request, ct)).ConfigureAwait(false);
            var id = response.RouteTable.RouteTableId;
            Journal.Record("route table " + id, () => Ec2("DeleteRouteTable", id,
                ct => _ec2.DeleteRouteTableAsync(new DeleteRouteTableRequest { RouteTableId = id }, ct)));
            return id;
        }

        // The route goes with its table; it needs no undo of its own.
        private Task CreatePublicRouteAsync()
        {
            var request = new CreateRouteRequest
            {
                RouteTableId = Required(_ids.PublicRouteTableId),
                DestinationCidrBlock = VpcLayout.InternetCidr,
                GatewayId = Required(_ids.InternetGatewayId),
            };
            return Ec2("CreateRoute", $"{request.RouteTableId} {VpcLayout.InternetCidr} -> {request.GatewayId}", ct => _ec2.CreateRouteAsync(request, ct));
        }

        private async Task CreateSubnetAsync(int zone, bool isPrivate)
        {
            var layout = isPrivate ? _layout.Zones[zone].PrivateSubnet : _layout.Zones[zone].PublicSubnet;
            var request = new CreateSubnetRequest
            {
                VpcId = VpcId,
                CidrBlock = layout.Cidr.ToString(),
                AvailabilityZone = layout.AvailabilityZone,
                TagSpecifications = BuildTags.Ec2("subnet", layout.TagsWithVpcId(VpcId)),
            };
            var response = await Ec2("CreateSubnet", $"{layout.Cidr} {layout.AvailabilityZone}", ct => _ec2.CreateSubnetAsync(request, ct)).ConfigureAwait(false);
            var id = response.Subnet.SubnetId;
            if (isPrivate) _ids.PrivateSubnets[zone] = id;
            else _ids.PublicSubnets[zone] = id;
            Journal.Record("subnet " + id, () => Ec2("DeleteSubnet", id, ct => _ec2.DeleteSubnetAsync(new DeleteSubnetRequest { SubnetId = id }, ct)));
        }

        private Task AssociatePublicAsync(int zone) => AssociateAsync(Required(_ids.PublicRouteTableId), Required(_ids.PublicSubnets[zone]));

        private Task AssociatePrivateAsync(int zone) => AssociateAsync(Required(_ids.PrivateRouteTables[zone]), Required(_ids.PrivateSubnets[zone]));

        private async Task AssociateAsync(string tableId, string subnetId)
        {
            var response = await Ec2("AssociateRouteTable", $"{subnetId} with {tableId}", ct => _ec2.AssociateRouteTableAsync(
                new AssociateRouteTableRequest { RouteTableId = tableId, SubnetId = subnetId }, ct)).ConfigureAwait(false);
            var association = response.AssociationId;
            Journal.Record($"association of {subnetId} with {tableId}", () => Ec2("DisassociateRouteTable", association,
                ct => _ec2.DisassociateRouteTableAsync(new DisassociateRouteTableRequest { AssociationId = association }, ct)));
        }

        private async Task CreateSecurityGroupAsync()
        {
            var group = _layout.NatSecurityGroup;
            var request = new CreateSecurityGroupRequest
            {
                GroupName = group.GroupName,
                Description = group.Description,
                VpcId = VpcId,
                TagSpecifications = BuildTags.Ec2("security-group", group.TagsWithVpcId(VpcId)),
            };
            var response = await Ec2("CreateSecurityGroup", group.GroupName, ct => _ec2.CreateSecurityGroupAsync(request, ct)).ConfigureAwait(false);
            var id = response.GroupId;
            _ids.SecurityGroupId = id;
            Journal.Record("security group " + id, () => Ec2("DeleteSecurityGroup", id,
                ct => _ec2.DeleteSecurityGroupAsync(new DeleteSecurityGroupRequest { GroupId = id }, ct)));
        }

        // Only ingress: EC2 gives every new group the layout's one egress rule (everything out) by itself, and
        // authorizing it again would fail as a duplicate.
        private Task AuthorizeIngressAsync()
        {
            var permissions = _layout.NatSecurityGroup.Ingress.Select(rule => new IpPermission
            {
                IpProtocol = rule.IpProtocol,
                FromPort = rule.FromPort,
                ToPort = rule.ToPort,
                Ipv4Ranges = rule.Cidr == null ? null : new List<IpRange> { new IpRange { CidrIp = rule.Cidr.ToString(), Description = rule.Description } },
                UserIdGroupPairs = rule.Cidr != null ? null
                    : new List<UserIdGroupPair> { new UserIdGroupPair { GroupId = Required(_ids.SecurityGroupId), Description = rule.Description } },
            }).ToList();
            var request = new AuthorizeSecurityGroupIngressRequest { GroupId = Required(_ids.SecurityGroupId), IpPermissions = permissions };
            return Ec2("AuthorizeSecurityGroupIngress", $"{request.GroupId} {string.Join("; ", _layout.NatSecurityGroup.Ingress)}",
                ct => _ec2.AuthorizeSecurityGroupIngressAsync(request, ct));
        }

        private async Task AllocateAddressAsync(int zone)
        {
            var address = _layout.Zones[zone].ElasticIp;
            var request = new AllocateAddressRequest { Domain = DomainType.Vpc, TagSpecifications = BuildTags.Ec2("elastic-ip", address.TagsWithVpcId(VpcId)) };
            var response = await Ec2("AllocateAddress", address.Name, ct => _ec2.AllocateAddressAsync(request, ct)).ConfigureAwait(false);
            var id = response.AllocationId;
            _ids.Allocations[zone] = id;
            _ids.PublicIps[zone] = response.PublicIp;
            Journal.Record($"Elastic IP {response.PublicIp} ({id})", () => Ec2("ReleaseAddress", id,
                ct => _ec2.ReleaseAddressAsync(new ReleaseAddressRequest { AllocationId = id }, ct)));
        }
    }
}
