using System;

namespace HaNat.Host
{
    /// <summary>Turns this Linux host into a NAT. Implemented in the host-nat work; see HostNatContract.</summary>
    public static class HostNatConfigurator
    {
        public static HostNatReport Configure(HostNatRequest request, Action<string> log) =>
            throw new PlatformNotSupportedException("host NAT set-up is being written");
    }
}
