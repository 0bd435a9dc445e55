using System.Management.Automation;
using HaNat.Model;
using HaNat.Peering;
using HaNat.Tagging;

namespace HaNat.Commands
{
    /// <summary>
    /// Peers two VPCs: creates (or reuses) the peering connection, accepts it, waits until it is active, and routes
    /// each VPC's IPv4 blocks to the other from every HaNat route table on both sides.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "HaNatVpc", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PeeringResult))]
    public sealed class ConnectHaNatVpcCommand : PeeringCmdlet
    {
        /// <summary>Peer a VPC that is not HaNat's, and replace routes to the peer's blocks that go elsewhere.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        private protected override void Process(PeeringClients clients, PeeringSnapshot snapshot)
        {
            var plan = ConnectPlanner.Plan(snapshot, Force.IsPresent);
            Warn(plan);
            if (!plan.HasWrites) WriteVerbose($"{plan.Local} and {plan.Peer} are already connected: nothing to write.");

            var executor = new ConnectExecutor(clients, PeeringWaiter.For(clients.Local, PeeringWaiter.DefaultTimeout, Cancellation));
            var results = executor.Apply(plan,
                (target, action) => { FlushCallLog(); return ShouldProcess(target, action); },
                IsWhatIf, WriteWarning, ex => Report(ex),
                status => { FlushCallLog(); WriteProgress(new ProgressRecord(1, "Connect-HaNatVpc", status)); });
            WriteProgress(new ProgressRecord(1, "Connect-HaNatVpc", "done") { RecordType = ProgressRecordType.Completed });
            FlushCallLog();
            foreach (var result in results) WriteObject(result);
        }

        private void Warn(ConnectPlan plan)
        {
            foreach (var vpc in plan.ForcedVpcs)
            {
                WriteWarning($"{vpc} is not HaNat's (no {HaNatTags.Managed}={HaNatTags.ManagedValue} tag); peering it because of -Force. " +
                    "Only its HaNat route tables get routes.");
            }
            foreach (var vpc in plan.VpcsWithoutHaNatTables)
            {
                WriteWarning($"{vpc} has no route table tagged {HaNatTags.Managed}={HaNatTags.ManagedValue}, so nothing there will route to its peer. " +
                    "Add the routes to its own tables yourself, or tag them.");
            }
            foreach (var conflict in plan.Conflicts)
            {
                WriteWarning($"{conflict.RouteTableId} ({conflict.VpcId}) sends {conflict.DestinationCidr} to {conflict.ConflictingTarget}, not to the peering. " +
                    "Left as it is; pass -Force to route it to the peer.");
            }
        }
    }
}
