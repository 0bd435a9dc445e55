using System;
using System.Linq;
using System.Management.Automation;
using HaNat.Aws;
using HaNat.Host;
using HaNat.Model;
using HaNat.Takeover;

namespace HaNat.Commands
{
    /// <summary>
    /// Makes an instance the NAT of a zone: on the instance itself, forwarding and masquerade first; then, in EC2,
    /// source/dest check off, the zone's Elastic IP, and the zone's private default routes.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "HaNatTakeover", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(TakeoverResult))]
    public sealed class InvokeHaNatTakeoverCommand : HaNatCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateOptionalPattern("^i-[0-9a-f]+$")]
        public string? InstanceId { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.AvailabilityZoneCompleter))]
        public string? AvailabilityZone { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateOptionalPattern("^vpc-[0-9a-f]+$")]
        public string? VpcId { get; set; }

        [Parameter]
        public string PrivateSubnetTag { get; set; } = Model.PrivateSubnetTag.Default;

        /// <summary>Take over routes to what HaNat does not own, and make an instance that is not a HaNat NAT the zone's NAT.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

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
                TakeOver();
            }
            catch (HaNatException ex)
            {
                Report(ex, InstanceId);
            }
        }

        private void TakeOver()
        {
            // Who: the IMDS identity when no id is given; with an id, we are "on the instance" only if IMDS agrees.
            InstanceMetadata? local;
            if (InstanceId == null)
            {
                local = LocalInstance.Require(Cancellation);
            }
            else
            {
                local = LocalInstance.TryGet(Cancellation);
                if (local != null && local.InstanceId != InstanceId) local = null;
            }
            var instanceId = InstanceId ?? local!.InstanceId;

            var session = GetSession(() => local?.Region);
            using var ec2 = session.CreateEc2Client();
            var reader = new Ec2Reader(ec2, session);

            var nat = Await(reader.DescribeInstancesAsync(new[] { instanceId })).FirstOrDefault();
            if (nat == null)
            {
                throw new HaNatException("InstanceNotFound", HaNatErrorKind.ObjectNotFound,
                    $"Instance {instanceId} was not found in {session.Region}. Check the id and -Region.") { Target = instanceId };
            }
            if (VpcId != null && nat.VpcId != VpcId)
            {
                throw new HaNatException("InstanceNotInVpc", HaNatErrorKind.InvalidArgument,
                    $"Instance {nat.Id} is in {nat.VpcId}, not in {VpcId}. Pass the instance's own VPC, or a NAT in {VpcId}.") { Target = nat.Id };
            }
            if (!nat.IsRunning)
            {
                throw new HaNatException("InstanceNotRunning", HaNatErrorKind.InvalidOperation,
                    $"Instance {nat.Id} is {nat.State}; only a running instance can take routes over. Start it, or name a running NAT.")
                { Target = nat.Id };
            }
            TakeoverPreflight.RequireHaNatInstance(nat, Force.IsPresent);
            var zone = AvailabilityZone ?? nat.AvailabilityZone;
            if (zone != nat.AvailabilityZone)
            {
                TakeoverPreflight.RequireVpcZone(zone, nat.VpcId, session.Region, Await(reader.DescribeVpcZonesAsync(nat.VpcId)));
            }

            if (local != null) ConfigureHost(local);

            var snapshot = Await(TakeoverSnapshot.ReadAsync(reader, nat, zone, _tag));
            if (snapshot.PrivateSubnets.Count == 0)
            {
                WriteWarning($"No available subnet tagged {_tag} in {zone} of {nat.VpcId}: there is nothing to take over. " +
                    "Tag the zone's private subnets, or pass -PrivateSubnetTag.");
                return;
            }

            var plan = TakeoverPlanner.Plan(nat, zone, snapshot, Force.IsPresent);
            foreach (var left in plan.Subnets.Where(s => s.Action == TakeoverAction.LeftForeign))
            {
                WriteWarning($"{left.Subnet.Id}: {left.RouteTableId} sends 0.0.0.0/0 to {left.PreviousTarget}, which HaNat does not own. " +
                    "Left as it is; pass -Force to take it over.");
            }
            if (!plan.HasWrites) WriteVerbose($"{nat.Id} already owns {zone}: nothing to write.");

            var results = new TakeoverExecutor(ec2, session).Apply(plan, (target, action) => { FlushCallLog(); return ShouldProcess(target, action); }, IsWhatIf, WriteWarning);
            FlushCallLog();
            foreach (var result in results) WriteObject(result);
        }

        private void ConfigureHost(InstanceMetadata local)
        {
            var what = "Enable IPv4 forwarding and masquerade " + string.Join(", ", local.VpcCidrBlocks);
            if (!ShouldProcess("this host (" + local.InstanceId + ")", what)) return;
            var report = HostNatConfigurator.Configure(new HostNatRequest(local.VpcCidrBlocks, local.MacAddress), CallLog.Note);
            FlushCallLog();
            WriteVerbose(report.Changes.Count == 0
                ? $"Host already forwards and masquerades on {report.InterfaceName} ({report.InterfaceAddress})."
                : $"Host set up on {report.InterfaceName} ({report.InterfaceAddress}): {string.Join("; ", report.Changes)}");
        }
    }
}
