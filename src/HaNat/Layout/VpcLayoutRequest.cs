using HaNat.NatDeployment;
using HaNat.Network;

namespace HaNat.Layout
{
    /// <summary>
    /// What a HaNat VPC is planned from: the network's inputs and the NATs' (<see cref="NatInputs"/>). Only
    /// <see cref="Name"/>, <see cref="CidrBlock"/> and the zones are required.
    /// </summary>
    internal sealed class VpcLayoutRequest : NatInputs
    {
        /// <summary>Names every resource: letters, digits and hyphens, starting with a letter (see <see cref="LayoutInputRules"/>).</summary>
        public string Name { get; set; } = string.Empty;

        /// <summary>A CIDR block (10.20.0.0/16, /16 to /24) or the original tool's two octets ('10.20' = 10.20.0.0/16).</summary>
        public string CidrBlock { get; set; } = string.Empty;

        /// <summary>One to six zone names; their order decides which subnets each gets (<see cref="SubnetCarving"/>).</summary>
        public IReadOnlyList<string> AvailabilityZones { get; set; } = Array.Empty<string>();

        /// <summary>The region, when known. It becomes part of the IAM role's name, which is global to the account.</summary>
        public string? Region { get; set; }
    }
}
