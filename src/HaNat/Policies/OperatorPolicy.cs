using HaNat.Tagging;

namespace HaNat.Policies
{
    /// <summary>
    /// What an operator needs to run New-HaNatVpc, Remove-HaNatVpc, Connect-/Disconnect-HaNatVpc, Get-HaNatVpc and
    /// Get-HaNatImage. New resources must be tagged hanat:managed=true as they are created; existing ones may be
    /// changed or deleted only when they carry that tag; IAM is limited to the /hanat/ path, and iam:PassRole to
    /// handing those roles to EC2.
    /// </summary>
    internal static class OperatorPolicy
    {
        public static readonly IReadOnlyList<string> ReadActions = new[]
        {
            "ec2:DescribeAddresses",
            "ec2:DescribeAvailabilityZones",
            "ec2:DescribeImages",
            "ec2:DescribeInstances",
            "ec2:DescribeInternetGateways",
            "ec2:DescribeKeyPairs",
            "ec2:DescribeLaunchTemplates",
            "ec2:DescribeNetworkInterfaces",
            "ec2:DescribeRouteTables",
            "ec2:DescribeSecurityGroups",
            "ec2:DescribeSubnets",
            "ec2:DescribeVpcPeeringConnections",
            "ec2:DescribeVpcs",
            "autoscaling:DescribeAutoScalingGroups",
        };

        /// <summary>EC2 creates that must tag what they make hanat:managed=true (the VPC's own is separate).</summary>
        public static readonly IReadOnlyList<string> CreateActions = new[]
        {
            "ec2:CreateInternetGateway",
            "ec2:CreateSubnet",
            "ec2:CreateRouteTable",
            "ec2:CreateSecurityGroup",
            "ec2:AllocateAddress",
            "ec2:CreateLaunchTemplate",
            "ec2:CreateVpcPeeringConnection",
        };

        /// <summary>EC2 calls on resources HaNat tagged, including the VPC a create call puts something in.</summary>
        public static readonly IReadOnlyList<string> ManagedResourceActions = new[]
        {
            "ec2:CreateSubnet",
            "ec2:CreateRouteTable",
            "ec2:CreateSecurityGroup",
            "ec2:CreateVpcPeeringConnection",
            "ec2:ModifyVpcAttribute",
            "ec2:AttachInternetGateway",
            "ec2:DetachInternetGateway",
            "ec2:AssociateRouteTable",
            "ec2:DisassociateRouteTable",
            "ec2:CreateRoute",
            "ec2:ReplaceRoute",
            // A manual takeover (Invoke-HaNatTakeover from a session): source/dest check and the zone's Elastic IP.
            "ec2:ModifyInstanceAttribute",
            "ec2:AssociateAddress",
            "ec2:DeleteRoute",
            "ec2:AuthorizeSecurityGroupIngress",
            "ec2:AcceptVpcPeeringConnection",
            "ec2:DisassociateAddress",
            "ec2:ReleaseAddress",
            "ec2:DeleteLaunchTemplate",
            "ec2:DeleteSecurityGroup",
            "ec2:DeleteRouteTable",
            "ec2:DeleteSubnet",
            "ec2:DeleteInternetGateway",
            "ec2:DeleteVpcPeeringConnection",
            "ec2:DeleteVpc",
        };

        public static readonly IReadOnlyList<string> RoleActions = new[]
        {
            "iam:CreateRole",
            "iam:GetRole",
            // CreateRole with tags is authorized as iam:TagRole too.
            "iam:TagRole",
            "iam:PutRolePolicy",
            "iam:ListRolePolicies",
            "iam:DeleteRolePolicy",
            "iam:DeleteRole",
        };

        public static readonly IReadOnlyList<string> InstanceProfileActions = new[]
        {
            "iam:CreateInstanceProfile",
            "iam:GetInstanceProfile",
            // CreateInstanceProfile with tags is authorized as iam:TagInstanceProfile too.
            "iam:TagInstanceProfile",
            "iam:AddRoleToInstanceProfile",
            "iam:RemoveRoleFromInstanceProfile",
            "iam:DeleteInstanceProfile",
        };

        public static readonly IReadOnlyList<string> GroupActions = new[]
        {
            "autoscaling:DeleteAutoScalingGroup",
        };

        public static readonly IReadOnlyList<string> ParameterActions = new[]
        {
            "ssm:PutParameter",
            "ssm:GetParameter",
            // Get-HaNatVpc: whether each VPC's heartbeat key exists, ten to a call.
            "ssm:GetParameters",
            // PutParameter with tags is authorized as ssm:AddTagsToResource too.
            "ssm:AddTagsToResource",
            "ssm:DeleteParameter",
        };

        /// <summary>The EC2 resource types a HaNat VPC holds (the VPC itself aside).</summary>
        private static readonly string[] ManagedTypes =
        {
            "internet-gateway", "subnet", "route-table", "security-group", "elastic-ip", "launch-template", "vpc-peering-connection",
        };

        private static IEnumerable<string> Ec2Arns(IEnumerable<string> types) => types.Select(t => Arn.Ec2(t + "/*"));

        /// <summary>The policy for subnets marked network=private, as New-HaNatVpc builds them.</summary>
        public static readonly PolicyDocument Document = For(PrivateSubnetTag.Parse(null));

        /// <summary>The policy for a deployment whose private subnets carry <paramref name="privateSubnetTag"/>.</summary>
        public static PolicyDocument For(PrivateSubnetTag privateSubnetTag) => new PolicyDocument(
            new PolicyStatement("ReadVpcsImagesAndGroups", ReadActions, new[] { "*" }),
            new PolicyStatement("CreateTaggedVpc",
                new[] { "ec2:CreateVpc" },
                new[] { Arn.Ec2("vpc/*") },
                Conditions.CreatingManaged),
            // The VPC is left out here: creating a subnet (table, group, peering) in a VPC is checked on the VPC too,
            // and ChangeHaNatResources allows that only in a HaNat VPC.
            new PolicyStatement("CreateTaggedResources",
                CreateActions,
                Ec2Arns(ManagedTypes),
                Conditions.CreatingManaged),
            // Any EC2 resource, but only while a listed call creates it: ec2:CreateAction does the scoping.
            new PolicyStatement("TagOnCreate",
                new[] { "ec2:CreateTags" },
                new[] { Arn.Ec2("*") },
                Conditions.TagOnCreate(new[] { "ec2:CreateVpc" }.Concat(CreateActions).Concat(new[] { "ec2:RunInstances" })
                    .Select(a => a.Substring("ec2:".Length)).ToArray())),
            // Every resource the request touches must carry the tag, whatever its type; one ARN keeps the policy
            // inside IAM's 6,144-character limit once a region and account are filled in.
            new PolicyStatement("ChangeHaNatResources",
                ManagedResourceActions,
                new[] { Arn.Ec2("*") },
                Conditions.Managed),
            // A manual takeover gives a private subnet left on the main table a HaNat table: the subnet side of the
            // association is a private subnet, tagged with the deployment's tag, HaNat's or not.
            new PolicyStatement("AssociatePrivateSubnet",
                new[] { "ec2:AssociateRouteTable" },
                new[] { Arn.Ec2("subnet/*") },
                Conditions.ResourceTagged(privateSubnetTag.Key, privateSubnetTag.Value)),
            // The accepter's copy of a cross-region peering connection carries none of the requester's tags; the
            // accept is also authorized on the accepter VPC, which ChangeHaNatResources allows only when it is HaNat's.
            new PolicyStatement("AcceptPeeringIntoHaNatVpc",
                new[] { "ec2:AcceptVpcPeeringConnection" },
                new[] { Arn.Ec2("vpc-peering-connection/*") }),
            // A new security group rule is a resource of its own, new and untagged; the group it joins is checked above.
            new PolicyStatement("NewRulesOfHaNatGroup",
                new[] { "ec2:AuthorizeSecurityGroupIngress" },
                new[] { Arn.Ec2("security-group-rule/*") }),
            // Creating a group from a launch template needs RunInstances on the template; the group launches the NATs.
            new PolicyStatement("LaunchFromHaNatTemplate",
                new[] { "ec2:RunInstances" },
                new[] { Arn.Ec2("launch-template/*") },
                Conditions.Managed),
            new PolicyStatement("LaunchWhatTheTemplateNames",
                new[] { "ec2:RunInstances" },
                // Not launch-template/*: that resource must match LaunchFromHaNatTemplate and its tag.
                Ec2Arns(new[] { "instance", "volume", "network-interface", "subnet", "security-group", "key-pair" }).Append(Arn.Image),
                new PolicyCondition("ArnLike", "ec2:LaunchTemplate", Arn.Ec2("launch-template/*"))),
            new PolicyStatement("HaNatRoles", RoleActions, new[] { Arn.HaNatRoles }),
            // New-HaNatVpc checks that its role's name is free before it makes it; IAM evaluates a name that does not
            // exist yet as role/<name>, without the /hanat/ path (and names are unique whatever the path).
            new PolicyStatement("IsTheNatRoleNameFree",
                new[] { "iam:GetRole", "iam:GetInstanceProfile" },
                new[] { Arn.Iam("role/*-nat-*"), Arn.Iam("instance-profile/*-nat-*") }),
            new PolicyStatement("HaNatInstanceProfiles", InstanceProfileActions, new[] { Arn.HaNatInstanceProfiles }),
            new PolicyStatement("PassHaNatRolesToEc2",
                new[] { "iam:PassRole" },
                new[] { Arn.HaNatRoles },
                new PolicyCondition("StringEquals", "iam:PassedToService", "ec2." + ArnContext.UrlSuffixToken)),
            // The first Auto Scaling group in an account creates Auto Scaling's service-linked role.
            new PolicyStatement("AutoScalingServiceRole",
                new[] { "iam:CreateServiceLinkedRole" },
                new[] { Arn.Iam("role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling") },
                new PolicyCondition("StringEquals", "iam:AWSServiceName", "autoscaling.amazonaws.com")),
            // CreateAutoScalingGroup with tags is authorized as autoscaling:CreateOrUpdateTags too.
            new PolicyStatement("CreateTaggedGroup",
                new[] { "autoscaling:CreateAutoScalingGroup", "autoscaling:CreateOrUpdateTags" },
                new[] { Arn.AutoScalingGroups },
                Conditions.CreatingManaged),
            new PolicyStatement("ChangeHaNatGroup", GroupActions, new[] { Arn.AutoScalingGroups }, Conditions.ManagedGroup),
            new PolicyStatement("HaNatParameters", ParameterActions, new[] { Arn.HaNatParameters }));
    }
}
