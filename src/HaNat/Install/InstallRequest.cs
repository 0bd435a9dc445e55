namespace HaNat.Install
{
    /// <summary>What Add-HaNatVpc is asked for, beyond the NAT inputs it shares with New-HaNatVpc.</summary>
    internal sealed class InstallRequest
    {
        /// <summary>The deployment's name: it names HaNat's resources and is the value of hanat:served-by.</summary>
        public string Name { get; set; } = string.Empty;

        /// <summary>The zones to serve; empty: every zone with private tables to serve (each must then have a public subnet).</summary>
        public IReadOnlyList<string> AvailabilityZones { get; set; } = Array.Empty<string>();

        /// <summary>The subnet the NATs launch in, for a zone with several public subnets (at most one per zone).</summary>
        public IReadOnlyList<string> PublicSubnetIds { get; set; } = Array.Empty<string>();

        /// <summary>Which zone's NAT serves a route table used by subnets of several zones (table id → zone).</summary>
        public IReadOnlyDictionary<string, string> RouteTableZones { get; set; } = new Dictionary<string, string>();

        /// <summary>
        /// Tables to serve although they have no default route (isolated on purpose until the user says otherwise), given
        /// by table id or by the id of a subnet that uses them.
        /// </summary>
        public IReadOnlyList<string> IncludeIds { get; set; } = Array.Empty<string>();
    }
}
