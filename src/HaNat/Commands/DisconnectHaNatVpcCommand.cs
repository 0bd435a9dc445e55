using System.Management.Automation;
using HaNat.Model;
using HaNat.Peering;
using HaNat.Tagging;

namespace HaNat.Commands
{
    /// <summary>
    /// Undoes Connect-HaNatVpc: deletes the routes to the peering in HaNat's route tables on both sides, then the
    /// peering connection if HaNat made it. What HaNat did not make is left, and said so.
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "HaNatVpc", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(PeeringResult))]
    public sealed class DisconnectHaNatVpcCommand : PeeringCmdlet
    {
        /// <summary>Write one result per route deleted; by default, like other removals, nothing is written.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private protected override void Process(PeeringClients clients, PeeringSnapshot snapshot)
        {
            var plan = DisconnectPlanner.Plan(snapshot);
            foreach (var left in plan.ConnectionsLeft)
            {
                WriteWarning($"Peering connection {left.Id} ({left.RequesterVpcId} -> {left.AccepterVpcId}) was not made by HaNat " +
                    $"(no {HaNatTags.Managed}={HaNatTags.ManagedValue} tag): its routes in HaNat's tables go, the connection stays.");
            }
            foreach (var stranded in plan.StrandedRoutes)
            {
                WriteWarning($"{stranded.RouteTableId} ({stranded.VpcId}) is not HaNat's and sends {stranded.DestinationCidr} to " +
                    $"{stranded.PeeringConnectionId}; HaNat leaves it, and it becomes a blackhole once the connection is deleted.");
            }
            if (!plan.HasWrites) WriteVerbose($"Nothing of HaNat's connects {plan.Local} and {plan.Peer}: nothing to write.");

            var results = new DisconnectExecutor(clients).Apply(plan,
                (target, action) => { FlushCallLog(); return ShouldProcess(target, action); },
                ex => Report(ex));
            FlushCallLog();
            if (PassThru) foreach (var result in results) WriteObject(result);
        }
    }
}
