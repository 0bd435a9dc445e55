using Amazon.EC2;
using Amazon.EC2.Model;
using HaNat.Build;

namespace HaNat.NatDeployment
{
    /// <summary>The EC2 steps of a NAT deployment that come before its launch: the security group and the Elastic IPs.</summary>
    internal sealed partial class NatDeploymentBuild
    {
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
            var response = await _context.Ec2("CreateSecurityGroup", group.GroupName, ct => _context.Ec2Client.CreateSecurityGroupAsync(request, ct)).ConfigureAwait(false);
            var id = response.GroupId;
            SecurityGroupId = id;
            _context.Journal.Record("security group " + id, () => _context.Ec2("DeleteSecurityGroup", id,
                ct => _context.Ec2Client.DeleteSecurityGroupAsync(new DeleteSecurityGroupRequest { GroupId = id }, ct)));
        }

        // Only ingress: EC2 gives every new group the layout's one egress rule (everything out) by itself, and
        // authorizing it again would fail as a duplicate.
        private Task AuthorizeIngressAsync()
        {
            var groupId = BuildContext.Required(SecurityGroupId);
            var permissions = _layout.NatSecurityGroup.Ingress.Select(rule => new IpPermission
            {
                IpProtocol = rule.IpProtocol,
                FromPort = rule.FromPort,
                ToPort = rule.ToPort,
                Ipv4Ranges = rule.Cidr == null ? null : new List<IpRange> { new IpRange { CidrIp = rule.Cidr.ToString(), Description = rule.Description } },
                UserIdGroupPairs = rule.Cidr != null ? null
                    : new List<UserIdGroupPair> { new UserIdGroupPair { GroupId = groupId, Description = rule.Description } },
            }).ToList();
            var request = new AuthorizeSecurityGroupIngressRequest { GroupId = groupId, IpPermissions = permissions };
            return _context.Ec2("AuthorizeSecurityGroupIngress", $"{request.GroupId} {string.Join("; ", _layout.NatSecurityGroup.Ingress)}",
                ct => _context.Ec2Client.AuthorizeSecurityGroupIngressAsync(request, ct));
        }

        private async Task AllocateAddressAsync(int zone)
        {
            var address = _layout.Zones[zone].ElasticIp;
            var request = new AllocateAddressRequest { Domain = DomainType.Vpc, TagSpecifications = BuildTags.Ec2("elastic-ip", address.TagsWithVpcId(VpcId)) };
            var response = await _context.Ec2("AllocateAddress", address.Name, ct => _context.Ec2Client.AllocateAddressAsync(request, ct)).ConfigureAwait(false);
            var id = response.AllocationId;
            _allocationIds[zone] = id;
            _publicIps[zone] = response.PublicIp;
            _context.Journal.Record($"Elastic IP {response.PublicIp} ({id})", () => _context.Ec2("ReleaseAddress", id,
                ct => _context.Ec2Client.ReleaseAddressAsync(new ReleaseAddressRequest { AllocationId = id }, ct)));
        }
    }
}
