using HaNat.Tagging;

namespace HaNat.Policies
{
    /// <summary>
    /// What a Packer amazon-ebs build of the NAT image needs, scoped to what the build itself makes. It starts from
    /// the permissions Packer's documentation lists for the amazon builders and narrows each write:
    /// <list type="bullet">
    /// <item>the build must tag what it makes with hanat:packer=true: <c>run_tags</c> (the instance, and in recent
    /// versions of the amazon plugin the temporary key pair and security group), <c>run_volume_tags</c>, <c>tags</c>
    /// (the AMI) and <c>snapshot_tags</c>;</item>
    /// <item>the temporary key pair is found by Packer's own name prefix, packer_.</item>
    /// </list>
    /// The image's description and IMDSv2 support are set on the image after CreateImage (ModifyImageAttribute).
    /// Left out, because a HaNat image build does not use them: copying the image (no encrypt_boot: the launch
    /// mapping already encrypts the volume), sharing it, Windows passwords, volumes attached apart from the launch
    /// (the chroot and ebsvolume builders'), and an instance profile for the build instance (iam:PassRole).
    /// </summary>
    internal static class PackerBuilderPolicy
    {
        /// <summary>
        /// The plugin's reads: regions (validation), images (source, name check, the new image), subnets and VPCs,
        /// instances and their status (waiters), security groups, volumes (the cleanup of leftover volumes).
        /// </summary>
        public static readonly IReadOnlyList<string> ReadActions = new[]
        {
            "ec2:DescribeImages",
            "ec2:DescribeInstances",
            "ec2:DescribeInstanceStatus",
            "ec2:DescribeRegions",
            "ec2:DescribeSecurityGroups",
            "ec2:DescribeSubnets",
            "ec2:DescribeVolumes",
            "ec2:DescribeVpcs",
        };

        /// <summary>What the build creates; CreateTags is allowed only as part of these.</summary>
        public static readonly IReadOnlyList<string> CreateActions = new[]
        {
            "ec2:RunInstances",
            "ec2:CreateKeyPair",
            "ec2:CreateSecurityGroup",
            "ec2:CreateImage",
        };

        /// <summary>What the build does to its own instance and volumes.</summary>
        public static readonly IReadOnlyList<string> BuildInstanceActions = new[]
        {
            "ec2:StopInstances",
            "ec2:TerminateInstances",
            "ec2:ModifyInstanceAttribute",
            "ec2:DeleteVolume",
            "ec2:CreateImage",
        };

        private static PolicyCondition Building => Conditions.ResourceTagged(HaNatTags.PackerBuild);

        private static PolicyCondition TaggingForBuild => Conditions.RequestTagged(HaNatTags.PackerBuild);

        public static readonly PolicyDocument Document = new PolicyDocument(
            new PolicyStatement("ReadForBuild", ReadActions, new[] { "*" }),
            new PolicyStatement("LaunchTaggedBuildInstance",
                new[] { "ec2:RunInstances" },
                new[] { Arn.Ec2("instance/*") },
                TaggingForBuild),
            // What the tagged instance launches with: its source image, subnet, interface, group, key and root volume.
            new PolicyStatement("LaunchWithImageAndNetwork",
                new[] { "ec2:RunInstances" },
                new[] { Arn.Image, Arn.Ec2("subnet/*"), Arn.Ec2("network-interface/*"), Arn.Ec2("security-group/*"), Arn.Ec2("key-pair/*"), Arn.Ec2("volume/*") }),
            // RunInstances tags the instance, its volume and (amazon plugin 1.2.2 and later) its network interface.
            new PolicyStatement("TagOnCreate",
                new[] { "ec2:CreateTags" },
                new[] { Arn.Ec2("instance/*"), Arn.Ec2("volume/*"), Arn.Ec2("network-interface/*"), Arn.Ec2("key-pair/*"), Arn.Ec2("security-group/*"), Arn.Image, Arn.Snapshot },
                Conditions.TagOnCreate(CreateActions.Select(a => a.Substring("ec2:".Length)).ToArray())),
            // Packer tags the image and its snapshots after CreateImage: only with the build's own tag.
            new PolicyStatement("TagImageAndSnapshots",
                new[] { "ec2:CreateTags" },
                new[] { Arn.Image, Arn.Snapshot },
                TaggingForBuild),
            new PolicyStatement("WorkOnBuildInstance",
                BuildInstanceActions,
                new[] { Arn.Ec2("instance/*"), Arn.Ec2("volume/*") },
                Building),
            // The image and snapshots CreateImage makes do not exist yet, so they cannot carry a tag to check.
            new PolicyStatement("NewImageAndSnapshots",
                new[] { "ec2:CreateImage" },
                new[] { Arn.Image, Arn.Snapshot }),
            // The image's description and imds_support, set after CreateImage; the image carries the run tags by then.
            new PolicyStatement("DescribeBuildImage",
                new[] { "ec2:ModifyImageAttribute" },
                new[] { Arn.Image },
                Building),
            // A build that fails after CreateImage deregisters its image and deletes the snapshots (force_deregister
            // and force_delete_snapshot would do the same to an earlier image that carries the build's tag).
            new PolicyStatement("RemoveBuildImage",
                new[] { "ec2:DeregisterImage", "ec2:DeleteSnapshot" },
                new[] { Arn.Image, Arn.Snapshot },
                Building),
            new PolicyStatement("TemporaryKeyPair",
                new[] { "ec2:CreateKeyPair", "ec2:DeleteKeyPair" },
                new[] { Arn.Ec2("key-pair/packer_*") }),
            new PolicyStatement("TemporarySecurityGroup",
                new[] { "ec2:CreateSecurityGroup" },
                new[] { Arn.Ec2("security-group/*") },
                TaggingForBuild),
            new PolicyStatement("TemporarySecurityGroupInVpc",
                new[] { "ec2:CreateSecurityGroup" },
                new[] { Arn.Ec2("vpc/*") }),
            new PolicyStatement("OpenAndDeleteTemporarySecurityGroup",
                new[] { "ec2:AuthorizeSecurityGroupIngress", "ec2:DeleteSecurityGroup" },
                new[] { Arn.Ec2("security-group/*") },
                Building),
            // The rule AuthorizeSecurityGroupIngress creates is a resource of its own, new and untagged.
            new PolicyStatement("NewRuleOfTemporarySecurityGroup",
                new[] { "ec2:AuthorizeSecurityGroupIngress" },
                new[] { Arn.Ec2("security-group-rule/*") }));
    }
}
