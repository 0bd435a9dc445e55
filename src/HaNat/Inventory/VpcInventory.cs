namespace HaNat.Inventory
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

        /// <summary>
        /// A deployment Add-HaNatVpc put into a VPC HaNat did not build: the VPC is not hanat:managed and carries
        /// hanat:served-by with this name. Its VPC, subnets and tables are the user's.
        /// </summary>
        public bool IsAdded => Vpc != null && Vpc.Tag(Tagging.HaNatTags.Managed) != Tagging.HaNatTags.ManagedValue
            && Vpc.Tag(Tagging.HaNatTags.ServedBy) == Name;

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

        /// <summary>The VPC's NAT gateways, the targets a served table's default route goes back to (read for the removal of an added deployment only).</summary>
        public List<FoundNatGateway> NatGateways { get; } = new List<FoundNatGateway>();

        /// <summary>NAT gateways' Elastic IPs an added deployment adopted as its zones' addresses: never released, only untagged.</summary>
        public List<FoundAddress> AdoptedAddresses { get; } = new List<FoundAddress>();

        /// <summary>
        /// Alarms whose names start with hanat-&lt;name&gt;-, with their tags (read for removal only, and only when the
        /// reader has a CloudWatch client): the planner deletes those tagged as this VPC's.
        /// </summary>
        public List<FoundResource> Alarms { get; } = new List<FoundResource>();

        public FoundGroup? Group { get; set; }
        public FoundResource? LaunchTemplate { get; set; }
        public FoundIamEntity? Role { get; set; }
        public FoundIamEntity? InstanceProfile { get; set; }

        /// <summary>The heartbeat key's parameter name when it exists.</summary>
        public string? HeartbeatKeyParameter { get; set; }
    }
}
