namespace HaNat.HostNat
{
    /// <summary>What the host set-up needs: the VPC's IPv4 CIDRs to masquerade, and the primary interface's MAC (from IMDS).</summary>
    internal sealed class HostNatRequest
    {
        public HostNatRequest(IReadOnlyList<string> vpcCidrBlocks, string? macAddress)
        {
            VpcCidrBlocks = vpcCidrBlocks;
            MacAddress = macAddress;
        }

        public IReadOnlyList<string> VpcCidrBlocks { get; }
        public string? MacAddress { get; }
    }
}
