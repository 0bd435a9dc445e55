using HaNat.Model;
using HaNat.Tagging;

namespace HaNat.Policies
{
    /// <summary>HaNat's IAM policy documents, each kept as data in its own class.</summary>
    internal static class IamPolicies
    {
        public static PolicyDocument NatInstance => NatInstancePolicy.Document;
        public static PolicyDocument PackerBuilder => PackerBuilderPolicy.Document;
        public static PolicyDocument Operator => OperatorPolicy.Document;

        /// <summary>The trust policy of the NAT role.</summary>
        public static PolicyDocument Ec2TrustPolicy => Policies.Ec2TrustPolicy.Document;

        public static PolicyDocument For(HaNatPolicyKind kind) => For(kind, PrivateSubnetTag.Parse(null));

        /// <summary>
        /// The policy for a deployment whose private subnets carry <paramref name="privateSubnetTag"/> (the takeover's
        /// -PrivateSubnetTag): NatInstance and Operator associate only such subnets; PackerBuilder has none.
        /// </summary>
        public static PolicyDocument For(HaNatPolicyKind kind, PrivateSubnetTag privateSubnetTag) => kind switch
        {
            HaNatPolicyKind.NatInstance => NatInstancePolicy.For(privateSubnetTag),
            HaNatPolicyKind.PackerBuilder => PackerBuilder,
            HaNatPolicyKind.Operator => OperatorPolicy.For(privateSubnetTag),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown policy kind."),
        };

        /// <summary>"Does the NatInstance policy allow this action?" ("ec2:CreateRoute"), by action name.</summary>
        public static bool NatInstanceAllows(string action) => NatInstance.Allows(action);
    }
}
