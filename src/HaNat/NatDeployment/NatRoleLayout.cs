using HaNat.Layout;
using HaNat.Policies;
using HaNat.Tagging;

namespace HaNat.NatDeployment
{
    /// <summary>The NAT instances' IAM role: trusted by EC2 only, with the NatInstance policy inline.</summary>
    internal sealed class NatRoleLayout : ResourceLayout
    {
        /// <summary>The deployment's name in an exported template (its Name parameter, through Fn::Sub).</summary>
        private const string NameInTemplates = "${Name}";

        private readonly PrivateSubnetTag? _subnetTag;

        public NatRoleLayout(string vpcName, string? region, PrivateSubnetTag? subnetTag = null) : base(LayoutComponents.NatRole, vpcName)
        {
            _subnetTag = subnetTag;
            RoleName = LayoutNames.IamName(vpcName, region);
        }

        public string RoleName { get; }

        /// <summary>/hanat/: the Operator policy may pass only roles under this path.</summary>
        public string Path => LayoutNames.IamPath;

        public string PolicyName => LayoutNames.NatPolicyName;

        /// <summary>The NatInstance policy for the subnets the deployment serves (see <see cref="NatInstancePolicy.For"/>).</summary>
        public PolicyDocument Policy => _subnetTag == null ? IamPolicies.NatInstance : NatInstancePolicy.For(_subnetTag);

        public PolicyDocument TrustPolicy => IamPolicies.Ec2TrustPolicy;

        /// <summary>
        /// <see cref="Policy"/> as it is put on the role: its ARNs narrowed to the role's partition and account (read from
        /// <paramref name="roleArn"/>; the region's partition and any account when unknown) and to the region.
        /// </summary>
        public string PolicyJsonFor(string? roleArn, string region)
        {
            var (partition, account) = Aws.AwsPartition.OfArn(roleArn);
            return Policy.ToJson(new ArnContext(partition ?? Aws.AwsPartition.OfRegion(region), region, account ?? "*"), indented: false);
        }

        /// <summary>
        /// A digest of <see cref="Policy"/> (the first 16 hex digits of its SHA-256, rendered without partition, region
        /// or account, and with the deployment's name as the CloudFormation export writes it, so that a stack's role
        /// carries the same value), the value of <see cref="HaNatTags.NatPolicy"/>: it changes exactly when a HaNat
        /// version changes what its NATs may do.
        /// </summary>
        public string PolicyDigest
        {
            get
            {
                var policy = _subnetTag != null && _subnetTag.Key == HaNatTags.ServedBy ? NatInstancePolicy.For(PrivateSubnetTag.ServedBy(NameInTemplates)) : Policy;
                using var sha = System.Security.Cryptography.SHA256.Create();
                var hash = sha.ComputeHash(System.Text.Encoding.UTF8.GetBytes(policy.ToJson(new ArnContext(), indented: false)));
                return string.Concat(hash.Take(8).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        /// <summary>The role's tags at its creation: HaNat's, the VPC's id, the policy's digest, and -NoAlarms when given.</summary>
        public IReadOnlyList<LayoutTag> CreationTags(string vpcId, bool noAlarms) =>
            TagsWithVpcId(vpcId).Concat(new[] { new LayoutTag(HaNatTags.NatPolicy, PolicyDigest) })
                .Concat(noAlarms ? new[] { new LayoutTag(HaNatTags.Alarms, HaNatTags.AlarmsNone) } : Array.Empty<LayoutTag>()).ToList();
    }
}
