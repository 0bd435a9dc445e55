namespace HaNat.Model
{
    /// <summary>
    /// One HaNat VPC as New-HaNatVpc built it or Get-HaNatVpc found it. Immutable; VpcId binds by property name, so
    /// `Get-HaNatVpc | Test-HaNatRouting` and `Get-HaNatVpc -Name dev | Remove-HaNatVpc` work.
    /// </summary>
    public sealed class HaNatVpc
    {
        public HaNatVpc(string name, string vpcId, string cidrBlock, string region, IEnumerable<HaNatVpcZone> zones,
            string? internetGatewayId, string? publicRouteTableId, string? securityGroupId, string? autoScalingGroupName,
            string? launchTemplateId, string? launchTemplateName, string roleName, string instanceProfileName,
            string heartbeatKeyParameterName, IEnumerable<string>? missing = null, bool isAdded = false, bool isSpot = false)
        {
            IsAdded = isAdded;
            IsSpot = isSpot;
            Name = name;
            VpcId = vpcId;
            CidrBlock = cidrBlock;
            Region = region;
            Zones = zones.ToArray();
            InternetGatewayId = internetGatewayId;
            PublicRouteTableId = publicRouteTableId;
            SecurityGroupId = securityGroupId;
            AutoScalingGroupName = autoScalingGroupName;
            LaunchTemplateId = launchTemplateId;
            LaunchTemplateName = launchTemplateName;
            RoleName = roleName;
            InstanceProfileName = instanceProfileName;
            HeartbeatKeyParameterName = heartbeatKeyParameterName;
            Missing = (missing ?? Array.Empty<string>()).ToArray();
        }

        /// <summary>The name given to New-HaNatVpc (tag hanat:vpc-name); every resource's Name starts with it.</summary>
        public string Name { get; }

        public string VpcId { get; }

        /// <summary>
        /// True for a deployment Add-HaNatVpc put into a VPC HaNat did not build: the VPC, its subnets and tables are the
        /// user's, and Remove-HaNatVpc gives them back as they were instead of deleting them.
        /// </summary>
        public bool IsAdded { get; }
        public string CidrBlock { get; }
        public string Region { get; }

        /// <summary>One entry per availability zone, in the order the zones were given (which decides their subnets).</summary>
        public IReadOnlyList<HaNatVpcZone> Zones { get; }

        public IReadOnlyList<string> AvailabilityZones => Zones.Select(z => z.AvailabilityZone).ToArray();

        /// <summary>The zones' Elastic IPs: the VPC's stable egress addresses, the ones to allow-list.</summary>
        public IReadOnlyList<string> PublicIps => Zones.Where(z => z.PublicIp != null).Select(z => z.PublicIp!).ToArray();

        public string? InternetGatewayId { get; }
        public string? PublicRouteTableId { get; }

        /// <summary>The NAT instances' security group.</summary>
        public string? SecurityGroupId { get; }

        /// <summary>The one Auto Scaling group that keeps a NAT in every zone.</summary>
        public string? AutoScalingGroupName { get; }

        /// <summary>
        /// True when the group runs its NATs on spot (New-, Add- or Update-HaNatVpc -Spot): read from the group's mixed
        /// instances policy. False for on-demand NATs, and when the group is missing.
        /// </summary>
        public bool IsSpot { get; }

        public string? LaunchTemplateId { get; }
        public string? LaunchTemplateName { get; }

        /// <summary>The NAT role, under the IAM path /hanat/. Get-HaNatVpc gives the name HaNat uses without reading IAM.</summary>
        public string RoleName { get; }

        public string InstanceProfileName { get; }

        /// <summary>The SSM SecureString with the key the NATs sign their heartbeats with.</summary>
        public string HeartbeatKeyParameterName { get; }

        /// <summary>
        /// The parts Get-HaNatVpc expected and did not find (for example "auto-scaling-group" after a removal that did
        /// not finish); empty for a whole VPC.
        /// </summary>
        public IReadOnlyList<string> Missing { get; }

        public bool IsComplete => Missing.Count == 0;

        public override string ToString() => $"{Name} ({VpcId})";
    }
}
