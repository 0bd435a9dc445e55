using HaNat.Network;

namespace HaNat.NatDeployment
{
    /// <summary>
    /// What a NAT deployment is planned from: no network layout, only what the NATs need to know of the VPC (its
    /// address ranges and zones), so the VPC may be one HaNat builds or one it finds. The ranges are typed: whoever
    /// passes them parsed them (the network planner, or a read of the VPC).
    /// </summary>
    internal sealed class NatDeploymentRequest
    {
        /// <summary>Names every resource (see <see cref="Layout.LayoutInputRules"/>).</summary>
        public string Name { get; set; } = string.Empty;

        /// <summary>The region, when known. It becomes part of the IAM role's name, which is global to the account.</summary>
        public string? Region { get; set; }

        /// <summary>The VPC's CIDR blocks: named in the NATs' user data, and warned about when not a private range.</summary>
        public IReadOnlyList<Ipv4Block> VpcCidrBlocks { get; set; } = Array.Empty<Ipv4Block>();

        /// <summary>
        /// Where the traffic the NATs forward comes from: the NAT security group lets everything in from these. A VPC
        /// HaNat builds passes the private half of its range.
        /// </summary>
        public IReadOnlyList<Ipv4Block> ForwardedRanges { get; set; } = Array.Empty<Ipv4Block>();

        /// <summary>What <see cref="ForwardedRanges"/> are, for their rules' descriptions: "Everything from &lt;this&gt;: ...".</summary>
        public string ForwardedRangesDescription { get; set; } = "the VPC";

        /// <summary>One to six zone names, a NAT in each.</summary>
        public IReadOnlyList<string> AvailabilityZones { get; set; } = Array.Empty<string>();

        /// <summary>The image, type, key, SSH range, root device and grace period.</summary>
        public NatInputs Nat { get; set; } = new NatInputs();

        /// <summary>
        /// Null for a VPC HaNat builds. For one it did not (Add-HaNatVpc), the deployment's name as the value of
        /// hanat:served-by: the NATs carry it, serve the subnets tagged with it, and may write only the tables tagged with it.
        /// </summary>
        public string? ServedBy { get; set; }
    }
}
