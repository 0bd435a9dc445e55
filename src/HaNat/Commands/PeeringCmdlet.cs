using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using HaNat.Peering;

namespace HaNat.Commands
{
    /// <summary>
    /// What Connect-HaNatVpc and Disconnect-HaNatVpc share: the two VPCs (from the pipeline too, by value or by the
    /// property names VpcId and PeerVpcId), the peer's region, the checks before anything is read, and doing each
    /// pair once however often the pipeline names it (both ends' results of an earlier command name it twice).
    /// </summary>
    public abstract class PeeringCmdlet : HaNatCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern("^vpc-[0-9a-f]+$")]
        public string VpcId { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern("^vpc-[0-9a-f]+$")]
        public string PeerVpcId { get; set; } = string.Empty;

        /// <summary>The peer VPC's region, when it is not the region of -VpcId; the peer's side is handled there.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.RegionCompleter))]
        public string? PeerRegion { get; set; }

        private readonly HashSet<string> _done = new HashSet<string>(StringComparer.Ordinal);

        protected sealed override void ProcessRecord()
        {
            try
            {
                var session = GetSession();
                var peerRegion = PeerRegion ?? session.Region;
                PeeringChecks.RequireTwoVpcs(VpcId, PeerVpcId, session.Region, peerRegion);
                if (!_done.Add(PairKey(VpcId, session.Region, PeerVpcId, peerRegion))) return;

                using var clients = PeeringClients.Open(session, peerRegion);
                var snapshot = Await(PeeringSnapshot.ReadAsync(clients, VpcId, PeerVpcId));
                Process(clients, snapshot);
            }
            catch (HaNatException ex)
            {
                Report(ex, VpcId);
            }
        }

        /// <summary>Plans and applies this cmdlet's change for one pair, from what was just read of both sides.</summary>
        private protected abstract void Process(PeeringClients clients, PeeringSnapshot snapshot);

        /// <summary>One key per unordered pair of (region, VPC) ends.</summary>
        internal static string PairKey(string vpcId, string region, string peerVpcId, string peerRegion)
        {
            var ends = new[] { region + "/" + vpcId, peerRegion + "/" + peerVpcId }.OrderBy(e => e, StringComparer.Ordinal);
            return string.Join(" ", ends);
        }
    }
}
