using System;
using System.Collections.Generic;
using System.Linq;
using HaNat.Model;

namespace HaNat.Topology.Build
{
    /// <summary>
    /// What AWS holds in and around one HaNat VPC, as read for Get-HaNatVpc (the VPC's network parts and its group)
    /// or for Remove-HaNatVpc (everything, including what HaNat did not make). Plain data: the assembler and the
    /// teardown planner decide from it without any call.
    /// </summary>
    internal sealed class VpcInventory
    {
        public VpcInventory(string name, string region, FoundVpc? vpc)
        {
            Name = name;
            Region = region;
            Vpc = vpc;
        }

        /// <summary>The HaNat name (tag hanat:vpc-name) everything is looked up by.</summary>
        public string Name { get; }

        public string Region { get; }

        /// <summary>Null when no VPC carries the name any more: only leftovers found by name remain.</summary>
        public FoundVpc? Vpc { get; }

        public List<FoundSubnet> Subnets { get; } = new List<FoundSubnet>();
        public List<FoundRouteTable> RouteTables { get; } = new List<FoundRouteTable>();
        public List<FoundSecurityGroup> SecurityGroups { get; } = new List<FoundSecurityGroup>();
        public List<FoundInternetGateway> InternetGateways { get; } = new List<FoundInternetGateway>();
        public List<FoundAddress> Addresses { get; } = new List<FoundAddress>();

        /// <summary>Instances in the VPC that are not terminated (read for removal only).</summary>
        public List<FoundInstance> Instances { get; } = new List<FoundInstance>();

        /// <summary>Network interfaces in the VPC (read for removal only).</summary>
        public List<FoundInterface> NetworkInterfaces { get; } = new List<FoundInterface>();

        /// <summary>Peering connections of the VPC that are active or on their way (read for removal only).</summary>
        public List<FoundPeering> Peerings { get; } = new List<FoundPeering>();

        public FoundGroup? Group { get; set; }
        public FoundResource? LaunchTemplate { get; set; }
        public FoundIamEntity? Role { get; set; }
        public FoundIamEntity? InstanceProfile { get; set; }

        /// <summary>The heartbeat key's parameter name when it exists.</summary>
        public string? HeartbeatKeyParameter { get; set; }
    }

    /// <summary>An AWS resource: its id (or name), its Name tag's role aside, and its tags.</summary>
    internal class FoundResource
    {
        public FoundResource(string id, IReadOnlyDictionary<string, string>? tags, string? name = null)
        {
            Id = id;
            Tags = tags ?? new Dictionary<string, string>();
            Name = name;
        }

        public string Id { get; }
        public IReadOnlyDictionary<string, string> Tags { get; }

        /// <summary>A name the service knows it by (security group or launch template name), if any.</summary>
        public string? Name { get; }

        public string? Tag(string key) => Tags.TryGetValue(key, out var value) ? value : null;

        /// <summary>"subnet-0abc (dev-public-us-east-1a)": the id, and the Name tag when there is one.</summary>
        public string Describe(string kind)
        {
            var label = Tag("Name") ?? Name;
            return label == null || label == Id ? $"{kind} {Id}" : $"{kind} {Id} ({label})";
        }
    }

    internal sealed class FoundVpc : FoundResource
    {
        public FoundVpc(string id, string cidrBlock, IReadOnlyDictionary<string, string>? tags) : base(id, tags) => CidrBlock = cidrBlock;

        public string CidrBlock { get; }
    }

    internal sealed class FoundSubnet : FoundResource
    {
        public FoundSubnet(string id, string vpcId, string availabilityZone, string cidrBlock, IReadOnlyDictionary<string, string>? tags) : base(id, tags)
        {
            VpcId = vpcId;
            AvailabilityZone = availabilityZone;
            CidrBlock = cidrBlock;
        }

        public string VpcId { get; }
        public string AvailabilityZone { get; }
        public string CidrBlock { get; }
    }

    internal sealed class FoundRouteTable : FoundResource
    {
        public FoundRouteTable(string id, string vpcId, bool isMain, IEnumerable<(string AssociationId, string SubnetId)> subnetAssociations,
            IReadOnlyDictionary<string, string>? tags) : base(id, tags)
        {
            VpcId = vpcId;
            IsMain = isMain;
            SubnetAssociations = subnetAssociations.ToArray();
        }

        public string VpcId { get; }
        public bool IsMain { get; }
        public IReadOnlyList<(string AssociationId, string SubnetId)> SubnetAssociations { get; }
    }

    internal sealed class FoundSecurityGroup : FoundResource
    {
        public FoundSecurityGroup(string id, string groupName, string vpcId, IReadOnlyDictionary<string, string>? tags) : base(id, tags, groupName) =>
            VpcId = vpcId;

        public string VpcId { get; }

        /// <summary>Every VPC has one group named default; it goes with the VPC and cannot be deleted before.</summary>
        public bool IsDefault => Name == "default";
    }

    internal sealed class FoundInternetGateway : FoundResource
    {
        public FoundInternetGateway(string id, IEnumerable<string> attachedVpcIds, IReadOnlyDictionary<string, string>? tags) : base(id, tags) =>
            AttachedVpcIds = attachedVpcIds.ToArray();

        public IReadOnlyList<string> AttachedVpcIds { get; }
    }

    internal sealed class FoundAddress : FoundResource
    {
        public FoundAddress(string allocationId, string? publicIp, string? associationId, IReadOnlyDictionary<string, string>? tags) : base(allocationId, tags)
        {
            PublicIp = publicIp;
            AssociationId = associationId;
        }

        public string? PublicIp { get; }

        /// <summary>Set while the address is associated with an instance or interface.</summary>
        public string? AssociationId { get; }
    }

    internal sealed class FoundInstance : FoundResource
    {
        public FoundInstance(string id, string state, IReadOnlyDictionary<string, string>? tags) : base(id, tags) => State = state;

        public string State { get; }
    }

    internal sealed class FoundInterface : FoundResource
    {
        public FoundInterface(string id, string? instanceId, string interfaceType, string? description, IReadOnlyDictionary<string, string>? tags)
            : base(id, tags)
        {
            InstanceId = instanceId;
            InterfaceType = interfaceType;
            Description = description;
        }

        /// <summary>The instance it is attached to, if any.</summary>
        public string? InstanceId { get; }

        /// <summary>interface, nat_gateway, vpc_endpoint, lambda, load_balancer, ...</summary>
        public string InterfaceType { get; }

        public string? Description { get; }
    }

    internal sealed class FoundPeering : FoundResource
    {
        public FoundPeering(string id, string status, string? requesterVpcId, string? accepterVpcId, IReadOnlyDictionary<string, string>? tags,
            string? requesterRegion = null, string? accepterRegion = null) : base(id, tags)
        {
            Status = status;
            RequesterVpcId = requesterVpcId;
            AccepterVpcId = accepterVpcId;
            RequesterRegion = requesterRegion;
            AccepterRegion = accepterRegion;
        }

        /// <summary>The states in which a peering still joins two VPCs; deleted, rejected, failed and expired ones do not.</summary>
        public static readonly IReadOnlyCollection<string> LiveStates = new[] { "initiating-request", "pending-acceptance", "provisioning", "active" };

        public string Status { get; }
        public string? RequesterVpcId { get; }
        public string? AccepterVpcId { get; }
        public string? RequesterRegion { get; }
        public string? AccepterRegion { get; }

        public bool IsLive => LiveStates.Contains(Status);

        public string? PeerOf(string vpcId) => RequesterVpcId == vpcId ? AccepterVpcId : RequesterVpcId;

        /// <summary>The region of the other end; null when EC2 did not say (then it is the VPC's own).</summary>
        public string? PeerRegionOf(string vpcId) => RequesterVpcId == vpcId ? AccepterRegion : RequesterRegion;
    }

    internal sealed class FoundGroup : FoundResource
    {
        public FoundGroup(string name, IEnumerable<string> instanceIds, string? launchTemplateId, string? launchTemplateName,
            IReadOnlyDictionary<string, string>? tags) : base(name, tags, name)
        {
            InstanceIds = instanceIds.ToArray();
            LaunchTemplateId = launchTemplateId;
            LaunchTemplateName = launchTemplateName;
        }

        public IReadOnlyList<string> InstanceIds { get; }
        public string? LaunchTemplateId { get; }
        public string? LaunchTemplateName { get; }
    }

    /// <summary>An IAM role or instance profile: its path, and the names it holds (inline policies, or roles).</summary>
    internal sealed class FoundIamEntity : FoundResource
    {
        public FoundIamEntity(string name, string path, IEnumerable<string> members, IReadOnlyDictionary<string, string>? tags) : base(name, tags, name)
        {
            Path = path;
            Members = members.ToArray();
        }

        public string Path { get; }

        /// <summary>A role's inline policy names; an instance profile's role names.</summary>
        public IReadOnlyList<string> Members { get; }
    }

    /// <summary>Whether a resource is HaNat's, and of which VPC, by its tags alone.</summary>
    internal static class Ownership
    {
        /// <summary>
        /// hanat:managed=true and hanat:vpc-name=<paramref name="name"/>; and when it names a VPC id
        /// (hanat:vpc-id) and <paramref name="vpcId"/> is known, that one. A resource of another HaNat VPC, or one
        /// someone else tagged by hand with the managed key only, is not this VPC's.
        /// </summary>
        public static bool IsOf(FoundResource resource, string name, string? vpcId)
        {
            if (resource.Tag(HaNatTags.Managed) != HaNatTags.ManagedValue) return false;
            if (resource.Tag(HaNatTags.VpcName) != name) return false;
            var taggedVpc = resource.Tag(HaNatTags.VpcId);
            return vpcId == null || taggedVpc == null || string.Equals(taggedVpc, vpcId, StringComparison.Ordinal);
        }

        /// <summary>
        /// For what lives inside this VPC (subnets, route tables, security groups): hanat:managed=true and, when it
        /// names a VPC, this one. The takeover tags a route table it makes with hanat:managed but no VPC name, and a
        /// resource in a HaNat VPC tagged by HaNat is that VPC's.
        /// </summary>
        public static bool IsInVpcOf(FoundResource resource, string name, string vpcId)
        {
            if (resource.Tag(HaNatTags.Managed) != HaNatTags.ManagedValue) return false;
            var taggedName = resource.Tag(HaNatTags.VpcName);
            var taggedVpc = resource.Tag(HaNatTags.VpcId);
            return (taggedName == null || taggedName == name) && (taggedVpc == null || taggedVpc == vpcId);
        }

        public static bool IsComponent(FoundResource resource, LayoutComponent component) =>
            resource.Tag(HaNatTags.Component) == component.TagValue;
    }
}
