using HaNat.Tagging;

namespace HaNat.Policies
{
    /// <summary>
    /// What an operator needs to run New-HaNatVpc (its CloudWatch alarms included), Add-HaNatVpc, Update-HaNatVpc, Remove-HaNatVpc, Connect-/Disconnect-HaNatVpc,
    /// Get-HaNatVpc and Get-HaNatImage. New resources must be tagged hanat:managed=true as they are created; existing
    /// ones may be changed or deleted only when they carry that tag; IAM is limited to the /hanat/ path, and
    /// iam:PassRole to handing those roles to EC2. In a VPC HaNat did not build, the user's VPC, subnets and route
    /// tables may only be tagged with HaNat's serving keys (never hanat:managed), and those that carry
    /// hanat:served-by may hold the deployment, have their default route written, and a served subnet a HaNat table.
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
            // Update-HaNatVpc: the default version's settings, which a new version starts from.
            "ec2:DescribeLaunchTemplateVersions",
            // Add-HaNatVpc's read of the VPC, and the takeover in it (a table's NAT gateway is its fallback).
            "ec2:DescribeNatGateways",
            "ec2:DescribeNetworkInterfaces",
            "ec2:DescribeRouteTables",
            "ec2:DescribeSecurityGroups",
            "ec2:DescribeSubnets",
            "ec2:DescribeVpcPeeringConnections",
            "ec2:DescribeVpcs",
            "autoscaling:DescribeAutoScalingGroups",
            // Get-HaNatVpc -Status: the NATs' metrics.
            StatusMetricsAction,
        };

        /// <summary>
        /// What the Reads statement grants: EC2's Describe calls as one pattern rather than the fifteen above. IAM
        /// cannot scope a Describe call to a resource anyway (they are all on "*"), they only read (the IAM check
        /// proves every action the pattern matches is a read), and naming them one by one would put this policy over
        /// IAM's 6,144-character limit for a managed policy once Update-HaNatVpc's and -Spot's statements came. Every
        /// write stays named and scoped.
        /// </summary>
        public static readonly IReadOnlyList<string> ReadGrant = new[] { "ec2:Describe*", "autoscaling:Describe*", StatusMetricsAction };

        // Size: with the alarms and the status view's metric read, the policy is within a few dozen characters of IAM's
        // 6,144 (PolicyDocumentTests.FitsTheManagedPolicySizeLimit, rendered for aws-us-gov). Its statement ids are
        // short for that reason. The next statement that does not fit means splitting the Operator policy in two.

        /// <summary>
        /// Get-HaNatVpc -Status reads the NATs' metrics. GetMetricData has no resource type (IAM authorizes it on "*"
        /// only) and only reads, so it joins the Reads statement.
        /// </summary>
        public const string StatusMetricsAction = "cloudwatch:GetMetricData";

        /// <summary>EC2 creates (CreateVpc aside) that must tag what they make hanat:managed=true.</summary>
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
            // Update-HaNatVpc: a new version of HaNat's launch template, made its default.
            "ec2:CreateLaunchTemplateVersion",
            "ec2:ModifyLaunchTemplate",
            "ec2:DeleteSecurityGroup",
            "ec2:DeleteRouteTable",
            "ec2:DeleteSubnet",
            "ec2:DeleteInternetGateway",
            "ec2:DeleteVpcPeeringConnection",
            "ec2:DeleteVpc",
            // Creating a group from a launch template needs RunInstances on the template (a HaNat one); the instance,
            // its volume and interface are new and untagged, which only LaunchFromTemplate allows.
            "ec2:RunInstances",
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
            // Update-HaNatVpc: the group moved to the new template version and its MaxSize raised for the rollout and
            // put back; each new NAT attached, and each replaced (or failed) NAT terminated through the group.
            "autoscaling:UpdateAutoScalingGroup",
            "autoscaling:AttachInstances",
            "autoscaling:TerminateInstanceInAutoScalingGroup",
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

        /// <summary>
        /// New-/Add-HaNatVpc's alarms: a check that their names are free and a rollback's check of its own alarm
        /// (DescribeAlarms, ListTagsForResource), their removal (DeleteAlarms). A narrower scope than "*" only hides
        /// composite alarms from DescribeAlarms, which HaNat makes none of.
        /// </summary>
        /// <remarks>
        /// PutMetricAlarm with tags is authorized as cloudwatch:TagResource too. DescribeAlarms and ListTagsForResource
        /// as read patterns (Describe*, ListTags*: reads only, the IAM check proves it), for the policy's size.
        /// </remarks>
        public static readonly IReadOnlyList<string> AlarmActions = new[]
        {
            "cloudwatch:PutMetricAlarm",
            "cloudwatch:TagResource",
            "cloudwatch:DeleteAlarms",
            "cloudwatch:Describe*",
            "cloudwatch:ListTags*",
        };

        /// <summary>CreateAutoScalingGroup with tags is authorized as autoscaling:CreateOrUpdateTags too.</summary>
        public static readonly IReadOnlyList<string> CreateGroupActions = new[] { "autoscaling:CreateAutoScalingGroup", "autoscaling:CreateOrUpdateTags" };

        /// <summary>
        /// The tags Add-HaNatVpc writes on what it did not make (and its rollback and Remove-HaNatVpc take off again):
        /// never hanat:managed, which would make the user's resource HaNat's to change and delete.
        /// </summary>
        public static readonly IReadOnlyList<string> ServingTagKeys = new[] { HaNatTags.ServedBy, HaNatTags.Zone, HaNatTags.RestoreDefault, HaNatTags.VpcId };

        private static IEnumerable<string> Ec2Arns(IEnumerable<string> types) => types.Select(t => Arn.Ec2(t + "/*"));

        /// <summary>The policy for subnets marked network=private, as New-HaNatVpc builds them.</summary>
        public static readonly PolicyDocument Document = For(PrivateSubnetTag.Parse(null));

        /// <summary>The policy for a deployment whose private subnets carry <paramref name="privateSubnetTag"/>.</summary>
        /// <remarks>
        /// IAM takes at most 6,144 characters in a managed policy, white space aside, and this one is near it with a
        /// region and account filled in: statement ids are short, and a statement names a resource type only where
        /// no other statement covers it.
        /// </remarks>
        public static PolicyDocument For(PrivateSubnetTag privateSubnetTag) => new PolicyDocument(
            new PolicyStatement("Reads", ReadGrant, new[] { "*" }),
            // What these calls make must be tagged hanat:managed=true. Any EC2 ARN: of the resources each is
            // authorized on, only the one it makes is matched by aws:RequestTag (AWS's authorization data); the VPC a
            // subnet, table, group or peering goes into is matched only by ChangeHaNat (a HaNat VPC) or
            // InServedVpc (a VPC Add-HaNatVpc serves).
            new PolicyStatement("CreateTagged",
                CreateActions.Prepend("ec2:CreateVpc"),
                new[] { Arn.Ec2("*") },
                Conditions.CreatingManaged),
            // Any EC2 resource, but only while a call creates it (ec2:CreateAction is set only then): each create this
            // policy allows is scoped above and below, so naming them again here would scope nothing more.
            new PolicyStatement("TagOnCreate",
                new[] { "ec2:CreateTags" },
                new[] { Arn.Ec2("*") },
                Conditions.WhileCreating),
            // Every resource the request touches must carry the tag, whatever its type; one ARN keeps the policy
            // inside IAM's 6,144-character limit once a region and account are filled in.
            new PolicyStatement("ChangeHaNat",
                ManagedResourceActions,
                new[] { Arn.Ec2("*") },
                Conditions.Managed),
            // A manual takeover gives a private subnet left on the main table a HaNat table: the subnet side of the
            // association is a private subnet, tagged with the deployment's tag, HaNat's or not.
            new PolicyStatement("PrivateSubnet",
                new[] { "ec2:AssociateRouteTable" },
                new[] { Arn.Ec2("subnet/*") },
                Conditions.ResourceTagged(privateSubnetTag.Key, privateSubnetTag.Value)),
            // Add-HaNatVpc marks the user's VPC, the subnets and the tables it serves with HaNat's serving keys, and its
            // rollback takes them off again; no other key, so hanat:managed can never be put on (or a user's own tag
            // taken off) what HaNat did not make.
            new PolicyStatement("TagServed",
                new[] { "ec2:CreateTags", "ec2:DeleteTags" },
                // A NAT gateway -DeleteNatGateway retires is marked hanat:served-by first, and its Elastic IP adopted as a
                // zone's address gets hanat:served-by, hanat:zone and hanat:vpc-id (never hanat:managed: never released).
                Ec2Arns(new[] { "vpc", "subnet", "route-table", "natgateway", "elastic-ip" }),
                Conditions.OnlyTagKeys(ServingTagKeys.ToArray())),
            // In a VPC HaNat did not build, what carries hanat:served-by: the VPC, that the deployment's security group
            // and a table for a subnet on the main table go into (what they make must still be tagged hanat:managed:
            // CreateTagged; a new resource has no tags to match here), and a served table's default route (a
            // takeover from an operator's session; Remove-HaNatVpc putting it back, or deleting the one to HaNat's NAT
            // when what it went to before is gone); Add-HaNatVpc -DeleteNatGateway deleting a gateway it marked, and moving
            // the gateway's adopted address to the zone's NAT (which carries hanat:served-by too, from its launch
            // template). A served table's associations stay the user's: ChangeHaNat
            // allows those only on HaNat's tables.
            new PolicyStatement("InServedVpc",
                new[] { "ec2:CreateSecurityGroup", "ec2:CreateRouteTable", "ec2:CreateRoute", "ec2:ReplaceRoute", "ec2:DeleteRoute", "ec2:DeleteNatGateway", "ec2:AssociateAddress" },
                new[] { Arn.Ec2("*") },
                Conditions.Served),
            // The subnet side of giving a served subnet on the main table a HaNat table, and of undoing it; the table
            // side must be HaNat's (ChangeHaNat). Any deployment's: the policy is rendered once for all.
            new PolicyStatement("ServedSubnets",
                new[] { "ec2:AssociateRouteTable", "ec2:DisassociateRouteTable" },
                new[] { Arn.Ec2("subnet/*") },
                Conditions.Served),
            // Two resources without HaNat's tags, each of one action: the accepter's copy of a cross-region peering
            // connection carries none of the requester's tags (the accept is also authorized on the accepter VPC, which
            // ChangeHaNat allows only when it is HaNat's); a new security group rule is a resource of its own,
            // new and untagged (the group it joins is checked above).
            new PolicyStatement("PeeringAndRules",
                new[] { "ec2:AcceptVpcPeeringConnection", "ec2:AuthorizeSecurityGroupIngress" },
                new[] { Arn.Ec2("vpc-peering-connection/*"), Arn.Ec2("security-group-rule/*") }),
            // Only in a launch from a template (ec2:LaunchTemplate is set), and only from HaNat's: launch-template/* is
            // matched by ChangeHaNat alone, as is the security group, HaNat's. Which template a launch names
            // is judged on the template itself, so the condition need not name this region's and account's templates.
            new PolicyStatement("LaunchFromTemplate",
                new[] { "ec2:RunInstances" },
                Ec2Arns(new[] { "instance", "volume", "network-interface", "subnet", "key-pair" }).Append(Arn.Image),
                new PolicyCondition("Null", "ec2:LaunchTemplate", "false")),
            // Update-HaNatVpc -Spot launches its new NATs on spot: RunInstances is then authorized on the spot request
            // too, a new resource that carries no tag and no ec2:LaunchTemplate key. The instance itself still needs
            // LaunchFromTemplate, so this lets nothing launch that is not from a HaNat template.
            new PolicyStatement("LaunchSpot",
                new[] { "ec2:RunInstances" },
                new[] { Arn.Ec2("spot-instances-request/*") }),
            // Each of these actions is authorized on roles alone or on instance profiles alone (AWS's authorization
            // data): one statement for both paths allows no role action on a profile, nor the reverse.
            new PolicyStatement("HaNatIam", RoleActions.Concat(InstanceProfileActions), new[] { Arn.HaNatRoles, Arn.HaNatInstanceProfiles }),
            // New-HaNatVpc checks that its role's name is free before it makes it; IAM evaluates a name that does not
            // exist yet as role/<name>, without the /hanat/ path (and names are unique whatever the path).
            new PolicyStatement("NatRoleNameFree",
                new[] { "iam:GetRole", "iam:GetInstanceProfile" },
                new[] { Arn.Iam("role/*-nat-*"), Arn.Iam("instance-profile/*-nat-*") }),
            new PolicyStatement("PassRolesToEc2",
                new[] { "iam:PassRole" },
                new[] { Arn.HaNatRoles },
                new PolicyCondition("StringEquals", "iam:PassedToService", "ec2." + ArnContext.UrlSuffixToken)),
            // The first Auto Scaling group in an account creates Auto Scaling's service-linked role, and the first spot
            // instance an account launches itself (Update-HaNatVpc -Spot's RunInstances; a spot group's own launches use
            // Auto Scaling's role) EC2 Spot's: the ARNs name those roles (iam:AWSServiceName would only say it again).
            new PolicyStatement("ServiceRoles",
                new[] { "iam:CreateServiceLinkedRole" },
                new[]
                {
                    Arn.Iam("role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"),
                    Arn.Iam("role/aws-service-role/spot.amazonaws.com/AWSServiceRoleForEC2Spot"),
                }),
            // CreateAutoScalingGroup with tags is authorized as autoscaling:CreateOrUpdateTags too.
            new PolicyStatement("CreateTaggedGroup", CreateGroupActions, new[] { Arn.AutoScalingGroups }, Conditions.CreatingManaged),
            new PolicyStatement("ChangeHaNatGroup", GroupActions, new[] { Arn.AutoScalingGroups }, Conditions.ManagedGroup),
            // The alarms ride on the parameters' statement rather than one of their own, to keep the policy inside IAM's
            // limit: each of these actions is authorized on its own service's resources alone, so no ssm action matches an
            // alarm, nor a cloudwatch action a parameter. Their scope is the name, hanat-*; HaNat tags each alarm it makes,
            // checks first that the names are free (PutMetricAlarm would replace an alarm of the same name), and
            // Remove-HaNatVpc deletes only those tagged as its VPC's.
            new PolicyStatement("HaNatParameters", ParameterActions.Concat(AlarmActions), new[] { Arn.HaNatParameters, Arn.HaNatAlarms }));
    }
}
