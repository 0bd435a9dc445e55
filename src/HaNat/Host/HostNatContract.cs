using System;
using System.Collections.Generic;

namespace HaNat.Host
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

    /// <summary>What the host set-up found and changed.</summary>
    internal sealed class HostNatReport
    {
        public HostNatReport(string interfaceName, string interfaceAddress, IReadOnlyList<string> changes)
        {
            InterfaceName = interfaceName;
            InterfaceAddress = interfaceAddress;
            Changes = changes;
        }

        public string InterfaceName { get; }
        public string InterfaceAddress { get; }
        /// <summary>One line per change made; empty when the host was already set up.</summary>
        public IReadOnlyList<string> Changes { get; }
    }
}
