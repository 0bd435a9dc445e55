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
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completion.RegionCompleter))]
        public string? PeerRegion { get; set; }

        /// <summary>
        /// The region of -VpcId as a piped result states it (PeeringResult.VpcRegion). A cross-region peering's results
        /// name the far end's tables first, and that VPC is not in this command's region: such a record is the same
        /// pair the other way round. Not for typing: -Region says where -VpcId is.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        public string? VpcRegion { get; set; }

        private readonly HashSet<string> _done = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>-PeerRegion as typed, not as a piped object binds it.</summary>
        private string? _typedPeerRegion;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _typedPeerRegion = PeerRegion;
            if (_typedPeerRegion != null && _typedPeerRegion.Trim().Length == 0)
            {
                Fail(new HaNatException("InvalidPeerRegion", HaNatErrorKind.InvalidArgument,
                    "-PeerRegion is empty. Name the peer VPC's region (for example us-west-2), or leave it out when the peer is in this region."), PeerRegion);
            }
        }

        protected sealed override void ProcessRecord()
        {
            try
            {
                var session = GetSession();
                var (vpcId, peerVpcId, peerRegion) = Ends(session.Region);
                PeeringChecks.RequireTwoVpcs(vpcId, peerVpcId, session.Region, peerRegion);
                if (!_done.Add(PairKey(vpcId, session.Region, peerVpcId, peerRegion))) return;

                using var clients = PeeringClients.Open(session, peerRegion);
                var snapshot = Await(PeeringSnapshot.ReadAsync(clients, vpcId, peerVpcId));
                Process(clients, snapshot);
            }
            catch (HaNatException ex)
            {
                Report(ex, VpcId);
            }
        }

        /// <summary>
        /// The pair as this command's region sees it: -VpcId here and -PeerVpcId in -PeerRegion; or, for a piped result
        /// of the far end (its VpcRegion is not this region), the same two VPCs the other way round.
        /// </summary>
        private (string VpcId, string PeerVpcId, string PeerRegion) Ends(string region)
        {
            // Null or empty from a piped object means "not given", like a property the object lacks.
            var vpcRegion = string.IsNullOrEmpty(VpcRegion) ? region : VpcRegion!;
            var peerRegion = string.IsNullOrEmpty(PeerRegion) ? region : PeerRegion!;
            if (vpcRegion == region) return (VpcId, PeerVpcId, peerRegion);

            // The record's own PeerRegion (when -PeerRegion was not typed) is where its PeerVpcId is: it must be here.
            if (_typedPeerRegion == null && peerRegion != region)
            {
                throw new HaNatException("PeeringNotInRegion", HaNatErrorKind.InvalidArgument,
                    $"The piped result joins {VpcId} ({vpcRegion}) and {PeerVpcId} ({peerRegion}), and neither is in {region}. Pass -Region {vpcRegion}.")
                { Target = VpcId };
            }
            return (PeerVpcId, VpcId, vpcRegion);
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
