using System.Linq;
using System.Management.Automation;
using HaNat.Aws;
using HaNat.Health;
using HaNat.Model;
using HaNat.Takeover;

namespace HaNat.Commands
{
    /// <summary>
    /// Tells whether every private subnet of a VPC has a working way out: one RouteAudit per subnet, or with
    /// -Quiet one boolean per VPC, so that `Test-HaNatRouting -VpcId $id -Quiet | Should -BeTrue` reads as it says.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "HaNatRouting")]
    [OutputType(typeof(RouteAudit), typeof(bool))]
    public sealed class TestHaNatRoutingCommand : HaNatCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern("^vpc-[0-9a-f]+$")]
        public string? VpcId { get; set; }

        [Parameter]
        public string PrivateSubnetTag { get; set; } = Model.PrivateSubnetTag.Default;

        [Parameter]
        public SwitchParameter Quiet { get; set; }

        private PrivateSubnetTag _tag = Model.PrivateSubnetTag.Parse(null);

        protected override void BeginProcessing()
        {
            try
            {
                _tag = Model.PrivateSubnetTag.Parse(PrivateSubnetTag);
            }
            catch (HaNatException ex)
            {
                Fail(ex, PrivateSubnetTag);
            }
        }

        protected override void ProcessRecord()
        {
            try
            {
                Audit();
            }
            catch (HaNatException ex)
            {
                if (Quiet) WriteObject(false);
                Report(ex, VpcId);
            }
        }

        private void Audit()
        {
            InstanceMetadata? local = VpcId == null ? LocalInstance.Require(Cancellation) : null;
            var vpcId = VpcId ?? local!.VpcId;
            var session = GetSession(() => local?.Region ?? LocalInstance.TryGet(Cancellation)?.Region);
            using var ec2 = session.CreateEc2Client();

            var snapshot = Await(RoutingSnapshot.ReadAsync(new Ec2Reader(ec2, session), vpcId, _tag));
            var audits = RoutingAuditor.Audit(snapshot);
            if (audits.Count == 0)
            {
                WriteWarning($"{vpcId} has no available subnet tagged {_tag}, so nothing routes through HaNat there. " +
                    "Tag the private subnets, or pass -PrivateSubnetTag.");
            }

            if (Quiet)
            {
                WriteObject(audits.Count > 0 && audits.All(a => a.Healthy));
                return;
            }
            foreach (var audit in audits) WriteObject(audit);
        }
    }
}
