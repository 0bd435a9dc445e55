using HaNat.Tagging;

namespace HaNat.Policies
{
    /// <summary>
    /// What a NAT instance may do: the takeover's and the monitor's calls, and nothing else. Describe calls cannot be
    /// scoped to resources and run on "*"; every write is limited to resources HaNat tagged.
    /// </summary>
    internal static class NatInstancePolicy
    {
        /// <summary>The snapshot the takeover and the monitor read.</summary>
        public static readonly IReadOnlyList<string> ReadActions = new[]
        {
            "ec2:DescribeInstances",
            "ec2:DescribeSubnets",
            "ec2:DescribeRouteTables",
            "ec2:DescribeAddresses",
            "ec2:DescribeVpcs",
            "ec2:DescribeNetworkInterfaces",
            "autoscaling:DescribeAutoScalingInstances",
            // A leaving NAT's termination lifecycle hooks (Describe calls of Auto Scaling take no resource either).
            "autoscaling:DescribeLifecycleHooks",
        };

        /// <summary>In a VPC HaNat did not build, the takeover reads the NAT gateways too (make-before-break, a failed zone's fallback).</summary>
        public static readonly IReadOnlyList<string> ServedReadActions = ReadActions.Append("ec2:DescribeNatGateways").ToList();

        /// <summary>The writes in a VPC HaNat did not build: no table is made, associated or deleted there.</summary>
        public static readonly IReadOnlyList<string> ServedWriteActions = new[]
        {
            "ec2:ModifyInstanceAttribute",
            "ec2:AssociateAddress",
            "ec2:CreateRoute",
            "ec2:ReplaceRoute",
            "ec2:AssignPrivateIpAddresses",
            "ec2:UnassignPrivateIpAddresses",
            "autoscaling:SetInstanceHealth",
            "autoscaling:CompleteLifecycleAction",
        };

        /// <summary>Every write, in the order a takeover makes them, then the monitor's.</summary>
        public static readonly IReadOnlyList<string> WriteActions = new[]
        {
            "ec2:ModifyInstanceAttribute",
            "ec2:AssociateAddress",
            "ec2:CreateRoute",
            "ec2:ReplaceRoute",
            "ec2:CreateRouteTable",
            "ec2:CreateTags",
            "ec2:AssociateRouteTable",
            "ec2:DeleteRouteTable",
            "ec2:AssignPrivateIpAddresses",
            "ec2:UnassignPrivateIpAddresses",
            "autoscaling:SetInstanceHealth",
            "autoscaling:CompleteLifecycleAction",
        };

        /// <summary>The heartbeat key, read from SSM Parameter Store under /hanat/.</summary>
        public static readonly IReadOnlyList<string> ParameterActions = new[] { "ssm:GetParameter" };

        /// <summary>The monitor's metrics (MetricsPublisher), in the HaNat namespace only.</summary>
        public static readonly IReadOnlyList<string> MetricsActions = new[] { "cloudwatch:PutMetricData" };

        /// <summary>Every action of the policy for a VPC HaNat built.</summary>
        public static IReadOnlyList<string> AllActions => ReadActions.Concat(WriteActions).Concat(ParameterActions).Concat(MetricsActions).ToList();

        /// <summary>Every action of the policy for a VPC HaNat did not build.</summary>
        public static IReadOnlyList<string> AllServedActions => ServedReadActions.Concat(ServedWriteActions).Concat(ParameterActions).Concat(MetricsActions).ToList();

        /// <summary>The policy for subnets marked network=private, as New-HaNatVpc builds them.</summary>
        public static readonly PolicyDocument Document = For(PrivateSubnetTag.Parse(null));

        /// <summary>
        /// The policy for a deployment whose private subnets carry <paramref name="privateSubnetTag"/>. A deployment in a
        /// VPC HaNat did not build (the tag is hanat:served-by=N) gets <see cref="ForServed"/>.
        /// </summary>
        public static PolicyDocument For(PrivateSubnetTag privateSubnetTag) =>
            privateSubnetTag.Key == HaNatTags.ServedBy ? ForServed(privateSubnetTag.Value) : ForBuilt(privateSubnetTag);

        /// <summary>
        /// In a VPC HaNat did not build (Add-HaNatVpc), the NATs write default routes only in the route tables tagged
        /// hanat:served-by=&lt;deployment&gt;, in their own VPC, and create no table: Add-HaNatVpc gives a served subnet
        /// on the main table a table of its own, so every other table of the VPC (the user's) is out of reach.
        /// </summary>
        public static PolicyDocument ForServed(string deployment) => new PolicyDocument(
            new PolicyStatement("ReadTheVpc", ServedReadActions, new[] { "*" }),
            SourceDestCheckOfHaNatInstances,
            ZoneElasticIp,
            // A NAT gateway's Elastic IP that the deployment adopted as a zone's address carries hanat:served-by, not
            // hanat:managed (HaNat never releases it): the address side of the same association.
            new PolicyStatement("AdoptedElasticIp",
                new[] { "ec2:AssociateAddress" },
                new[] { Arn.Ec2("elastic-ip/*") },
                Conditions.ResourceTagged(HaNatTags.ServedBy, deployment)),
            // Routes are authorized on the route table alone: the tables this deployment serves, in the NAT's own VPC.
            new PolicyStatement("DefaultRoutesInServedTables",
                new[] { "ec2:CreateRoute", "ec2:ReplaceRoute" },
                new[] { Arn.Ec2("route-table/*") },
                Conditions.ResourceTagged(HaNatTags.ServedBy, deployment), Conditions.InCallersVpc),
            ZoneAddressOnOwnInterface,
            MarkFailedPeerUnhealthy,
            CompleteTerminationHook,
            ReadHeartbeatKey,
            PublishMetrics);

        private static PolicyDocument ForBuilt(PrivateSubnetTag privateSubnetTag) => new PolicyDocument(
            new PolicyStatement("ReadTheVpc", ReadActions, new[] { "*" }),
            SourceDestCheckOfHaNatInstances,
            ZoneElasticIp,
            // Routes are authorized on the route table alone (not on their target). HaNat's own tables...
            new PolicyStatement("DefaultRoutesInHaNatTables",
                new[] { "ec2:CreateRoute", "ec2:ReplaceRoute" },
                new[] { Arn.Ec2("route-table/*") },
                Conditions.Managed),
            // ...and the table of any private subnet of the NAT's own VPC, which the takeover serves whoever made the
            // table: aws:Ec2InstanceSourceVpc is the VPC this NAT's credentials were delivered in, so a NAT can never
            // write a table of another VPC.
            new PolicyStatement("DefaultRoutesInOwnVpc",
                new[] { "ec2:CreateRoute", "ec2:ReplaceRoute" },
                new[] { Arn.Ec2("route-table/*") },
                Conditions.InCallersVpc),
            // A private subnet left on the main table gets a table of its own, made tagged, in a HaNat VPC only.
            new PolicyStatement("NewTableForSubnetOnMainTable",
                new[] { "ec2:CreateRouteTable" },
                new[] { Arn.Ec2("route-table/*") },
                Conditions.CreatingManaged),
            new PolicyStatement("NewTableOnlyInHaNatVpc",
                new[] { "ec2:CreateRouteTable" },
                new[] { Arn.Ec2("vpc/*") },
                Conditions.Managed),
            new PolicyStatement("TagNewTableOnCreate",
                new[] { "ec2:CreateTags" },
                new[] { Arn.Ec2("route-table/*") },
                Conditions.TagOnCreate("CreateRouteTable")),
            // Associate the new table, or delete it again when the takeover rolls back.
            new PolicyStatement("AssociateOrRollBackHaNatTable",
                new[] { "ec2:AssociateRouteTable", "ec2:DeleteRouteTable" },
                new[] { Arn.Ec2("route-table/*") },
                Conditions.Managed),
            // The subnet side of the association: the subnets the takeover serves are the ones tagged private, with
            // the deployment's own tag (Invoke-HaNatTakeover and Start-HaNatMonitor -PrivateSubnetTag).
            new PolicyStatement("AssociatePrivateSubnet",
                new[] { "ec2:AssociateRouteTable" },
                new[] { Arn.Ec2("subnet/*") },
                Conditions.ResourceTagged(privateSubnetTag.Key, privateSubnetTag.Value)),
            ZoneAddressOnOwnInterface,
            MarkFailedPeerUnhealthy,
            CompleteTerminationHook,
            ReadHeartbeatKey,
            PublishMetrics);

        // The statements both documents hold. The instance tags come from the Auto Scaling group (propagated) and the
        // launch template.
        private static PolicyStatement SourceDestCheckOfHaNatInstances => new PolicyStatement("SourceDestCheckOfHaNatInstances",
            new[] { "ec2:ModifyInstanceAttribute" },
            new[] { Arn.Ec2("instance/*") },
            Conditions.Managed);

        // AssociateAddress is authorized on the address, the instance and its network interface alike.
        private static PolicyStatement ZoneElasticIp => new PolicyStatement("ZoneElasticIp",
            new[] { "ec2:AssociateAddress" },
            new[] { Arn.Ec2("elastic-ip/*"), Arn.Ec2("instance/*"), Arn.Ec2("network-interface/*") },
            Conditions.Managed);

        // A failed zone's Elastic IP rides on a secondary private IP of the survivor's interface (the monitor's takeover),
        // let go at failback. AWS authorizes these on the interface alone, and offers no condition that ties an
        // interface to the calling instance (no ec2:InstanceARN on network-interface, no policy variable naming the
        // caller's interface): the tightest is a HaNat NAT's interface (the launch template tags it hanat:managed) in
        // the NAT's own VPC. AssociateAddress with a private IP is ZoneElasticIp's, on the address and the interface.
        private static PolicyStatement ZoneAddressOnOwnInterface => new PolicyStatement("ZoneAddressOnOwnInterface",
            new[] { "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses" },
            new[] { Arn.Ec2("network-interface/*") },
            Conditions.Managed, Conditions.InCallersVpc);

        private static PolicyStatement MarkFailedPeerUnhealthy => new PolicyStatement("MarkFailedPeerUnhealthy",
            new[] { "autoscaling:SetInstanceHealth" },
            new[] { Arn.AutoScalingGroups },
            Conditions.ManagedGroup);

        // A NAT that handed its zones over completes its group's termination hook (Start-HaNatMonitor, TerminationHooks):
        // on HaNat's groups only, as the mark.
        private static PolicyStatement CompleteTerminationHook => new PolicyStatement("CompleteTerminationHook",
            new[] { "autoscaling:CompleteLifecycleAction" },
            new[] { Arn.AutoScalingGroups },
            Conditions.ManagedGroup);

        // PutMetricData has no resource type: "*" is the only resource IAM accepts for it. What bounds it is the
        // namespace (cloudwatch:namespace): a NAT publishes in HaNat's and can write no other metric of the account.
        private static PolicyStatement PublishMetrics => new PolicyStatement("PublishMetrics", MetricsActions, new[] { "*" },
            new PolicyCondition("StringEquals", "cloudwatch:namespace", Metrics.HaNatMetrics.Namespace));

        private static PolicyStatement ReadHeartbeatKey => new PolicyStatement("ReadHeartbeatKey", ParameterActions, new[] { Arn.HaNatParameters });
    }
}
