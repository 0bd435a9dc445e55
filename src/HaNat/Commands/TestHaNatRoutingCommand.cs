using System.Management.Automation;
using System.Runtime.InteropServices;
using HaNat.Aws;
using HaNat.DataPlane;
using HaNat.Model;
using HaNat.Routing;
using HaNat.RoutingAudit;
using HaNat.Tagging;
using HaNat.Takeover;

namespace HaNat.Commands
{
    /// <summary>
    /// Tells whether every private subnet of a VPC has a working way out: one RouteAudit per subnet, or with
    /// -Quiet one boolean per VPC, so that `Test-HaNatRouting -VpcId $id -Quiet | Should -BeTrue` reads as it says.
    /// With -DataPlane, run on a NAT, it checks the NAT's own forwarding path instead: one DataPlaneCheck per check.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "HaNatRouting", DefaultParameterSetName = VpcSet)]
    [OutputType(typeof(RouteAudit), typeof(bool), typeof(DataPlaneCheck))]
    public sealed class TestHaNatRoutingCommand : HaNatCmdlet
    {
        private const string VpcSet = "Vpc";
        private const string DataPlaneSet = "DataPlane";

        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = VpcSet)]
        [ValidateOptionalPattern("^vpc-[0-9a-f]+$")]
        public string? VpcId { get; set; }

        [Parameter(ParameterSetName = VpcSet)]
        public string PrivateSubnetTag { get; set; } = Tagging.PrivateSubnetTag.Default;

        /// <summary>Check this NAT's own data plane (forwarding, masquerade, FORWARD, conntrack, egress) instead of the VPC's routes.</summary>
        [Parameter(Mandatory = true, ParameterSetName = DataPlaneSet)]
        public SwitchParameter DataPlane { get; set; }

        /// <summary>host:port (TCP connect) or an http(s) URL (GET) that the NAT must reach; none skips the egress probe.</summary>
        [Parameter(ParameterSetName = DataPlaneSet)]
        public string? ProbeTarget { get; set; }

        [Parameter]
        public SwitchParameter Quiet { get; set; }

        private PrivateSubnetTag _tag = Tagging.PrivateSubnetTag.Parse(null);

        protected override string OffInstanceAdvice => DataPlane
            ? "-DataPlane checks the NAT it runs on: run it on a HaNat NAT instance, or leave -DataPlane out and pass -VpcId to audit a VPC's routes from anywhere."
            : "Off an instance, pass -VpcId (and -Region) to audit that VPC.";

        protected override void BeginProcessing() => _tag = ParsePrivateSubnetTag(PrivateSubnetTag);

        protected override void ProcessRecord()
        {
            if (DataPlane)
            {
                CheckDataPlane();
                return;
            }
            try
            {
                Audit();
            }
            catch (HaNatException ex)
            {
                if (Quiet) WriteVerdict(VpcId ?? "this instance's VPC", false, $"{ex.ErrorId}, reported as an error");
                Report(ex, VpcId);
            }
        }

        private void CheckDataPlane()
        {
            EgressProbe? probe = null;
            if (!string.IsNullOrWhiteSpace(ProbeTarget))
            {
                probe = EgressProbe.TryParse(ProbeTarget, out var error);
                if (probe == null) Fail(new HaNatException("InvalidProbeTarget", HaNatErrorKind.InvalidArgument, $"-ProbeTarget {error}."), ProbeTarget);
            }
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            {
                Fail(new HaNatException("NotLinux", HaNatErrorKind.InvalidOperation, "-DataPlane checks a HaNat NAT instance, which runs Linux."));
            }
            InstanceMetadata local;
            try
            {
                // The VPC's CIDRs and the primary interface come from IMDS, as at boot.
                local = LocalInstance.Require(Cancellation);
            }
            catch (HaNatException ex)
            {
                Fail(ex);
                return;
            }
            var facts = new DataPlaneReader().Read(local.VpcCidrBlocks, local.MacAddress);
            if (probe != null) facts.Probe = Await(probe.RunAsync(TimeSpan.FromSeconds(5), Cancellation));
            var checks = DataPlaneJudge.Judge(facts);
            if (Quiet)
            {
                WriteObject(checks.All(c => c.Healthy));
                return;
            }
            foreach (var check in checks) WriteObject(check);
        }

        /// <summary>
        /// -Quiet's answer for one VPC: a bare boolean, as Test-Path and Test-Connection -Quiet give one per input, in
        /// input order (one per VPC, a failed one included). Booleans cannot say whose they are, so each comes with an
        /// information record naming its VPC (tag HaNat.Verdict): -InformationAction Continue shows them,
        /// -InformationVariable keeps them.
        /// </summary>
        private void WriteVerdict(string vpcId, bool healthy, string why)
        {
            WriteInformation($"{vpcId}: {healthy.ToString().ToLowerInvariant()} ({why})", new[] { "HaNat.Verdict" });
            WriteObject(healthy);
        }

        private void Audit()
        {
            InstanceMetadata? local = VpcId == null ? LocalInstance.Require(Cancellation) : null;
            var vpcId = VpcId ?? local!.VpcId;
            var session = GetSession(() => local?.Region ?? LocalInstance.TryGet(Cancellation)?.Region);
            using var ec2 = session.CreateEc2Client();

            // Without -PrivateSubnetTag, a VPC Add-HaNatVpc serves is audited on the subnets its deployment serves.
            var given = MyInvocation.BoundParameters.ContainsKey(nameof(PrivateSubnetTag)) ? _tag : null;
            var snapshot = Await(RoutingSnapshot.ReadAsync(new Ec2Reader(ec2, session), vpcId, given));
            var audits = RoutingAuditor.Audit(snapshot);
            if (audits.Count == 0)
            {
                WriteWarning($"{vpcId} has no available subnet tagged {_tag}, so nothing routes through HaNat there. " +
                    "Tag the private subnets, or pass -PrivateSubnetTag.");
            }

            if (Quiet)
            {
                var unhealthy = audits.Where(a => !a.Healthy).ToList();
                WriteVerdict(vpcId, audits.Count > 0 && unhealthy.Count == 0,
                    audits.Count == 0 ? "no private subnet to audit"
                    : unhealthy.Count == 0 ? $"all {audits.Count} private subnets have a way out"
                    : $"{unhealthy.Count} of {audits.Count} private subnets have no way out: " +
                      string.Join(", ", unhealthy.Select(a => $"{a.SubnetId} {a.Status}")));
                return;
            }
            foreach (var audit in audits) WriteObject(audit);
        }
    }
}
