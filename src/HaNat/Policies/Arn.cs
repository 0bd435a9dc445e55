namespace HaNat.Policies
{
    /// <summary>The ARN patterns the policies name, written with <see cref="ArnContext"/>'s placeholders.</summary>
    internal static class Arn
    {
        /// <summary>An EC2 resource of this account and region: Ec2("instance/*").</summary>
        public static string Ec2(string resource) =>
            $"arn:{ArnContext.PartitionToken}:ec2:{ArnContext.RegionToken}:{ArnContext.AccountToken}:{resource}";

        /// <summary>An AMI: images have no account in their ARN.</summary>
        public static string Image => $"arn:{ArnContext.PartitionToken}:ec2:{ArnContext.RegionToken}::image/*";

        /// <summary>An EBS snapshot: snapshots have no account in their ARN either.</summary>
        public static string Snapshot => $"arn:{ArnContext.PartitionToken}:ec2:{ArnContext.RegionToken}::snapshot/*";

        /// <summary>
        /// The VPC of the NAT whose role makes the request: aws:Ec2InstanceSourceVpc is the VPC its role's credentials
        /// were delivered in, left for IAM to fill in (a policy variable, not one of <see cref="ArnContext"/>'s).
        /// </summary>
        public static string CallersVpc => Ec2("vpc/" + ArnContext.SourceVpcVariable);

        /// <summary>An IAM resource: IAM is global, so no region.</summary>
        public static string Iam(string resource) => $"arn:{ArnContext.PartitionToken}:iam::{ArnContext.AccountToken}:{resource}";

        public static string AutoScalingGroups =>
            $"arn:{ArnContext.PartitionToken}:autoscaling:{ArnContext.RegionToken}:{ArnContext.AccountToken}:autoScalingGroup:*:autoScalingGroupName/*";

        /// <summary>HaNat's SSM parameters, all under /hanat/.</summary>
        public static string HaNatParameters =>
            $"arn:{ArnContext.PartitionToken}:ssm:{ArnContext.RegionToken}:{ArnContext.AccountToken}:parameter/hanat/*";

        /// <summary>
        /// HaNat's CloudWatch alarms, all named hanat-&lt;vpc name&gt;-&lt;zone&gt;-&lt;what&gt; (Alarms.AlarmNames), in any partition,
        /// region and account: the name is the scope (a principal reaches only its own partition's and account's alarms,
        /// which have no resource policies), and the short ARN keeps the Operator policy inside IAM's size limit.
        /// </summary>
        public static string HaNatAlarms => $"arn:*:cloudwatch:*:*:alarm:{Alarms.AlarmNames.Prefix}*";

        /// <summary>Where HaNat's roles and instance profiles live (path /hanat/).</summary>
        public static string HaNatRoles => Iam("role/hanat/*");

        public static string HaNatInstanceProfiles => Iam("instance-profile/hanat/*");
    }
}
