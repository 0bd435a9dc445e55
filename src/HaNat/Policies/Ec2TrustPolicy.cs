namespace HaNat.Policies
{
    /// <summary>The NAT role's trust policy: EC2 may assume it for the instances that carry its profile, nothing else may.</summary>
    internal static class Ec2TrustPolicy
    {
        public static readonly PolicyDocument Document = new PolicyDocument(
            PolicyStatement.Trust("Ec2AssumesNatRole", "ec2." + ArnContext.UrlSuffixToken, "sts:AssumeRole"));
    }
}
