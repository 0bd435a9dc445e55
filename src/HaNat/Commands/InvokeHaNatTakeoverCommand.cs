using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using HaNat.Aws;
using HaNat.HostNat;
using HaNat.Model;
using HaNat.Routing;
using HaNat.Tagging;
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
        public string PrivateSubnetTag { get; set; } = Tagging.PrivateSubnetTag.Default;

        /// <summary>Take over routes to what HaNat does not own, and make an instance that is not a HaNat NAT the zone's NAT.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        private PrivateSubnetTag _tag = Tagging.PrivateSubnetTag.Parse(null);

        protected override void BeginProcessing() => _tag = ParsePrivateSubnetTag(PrivateSubnetTag);

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

            IReadOnlyList<TakeoverResult>? results;
            using (VerboseCallsWhenDone())
            {
                results = TakeoverSequence.Run(ec2, session, nat, zone, _tag, Force.IsPresent, new CmdletObserver(this, nat, zone));
            }
            foreach (var result in results ?? Array.Empty<TakeoverResult>()) WriteObject(result);
        }

        /// <summary>The cmdlet's side of the takeover: -WhatIf and -Confirm for each write, warnings and -Verbose for the user.</summary>
        private sealed class CmdletObserver : TakeoverObserver
        {
            private readonly InvokeHaNatTakeoverCommand _cmdlet;
            private readonly InstanceInfo _nat;
            private readonly string _zone;

            public CmdletObserver(InvokeHaNatTakeoverCommand cmdlet, InstanceInfo nat, string zone)
            {
                _cmdlet = cmdlet;
                _nat = nat;
                _zone = zone;
            }

            public override bool WhatIf => _cmdlet.IsWhatIf;

            public override bool ShouldProcess(string target, string action)
            {
                _cmdlet.FlushCallLog(); // the calls so far, before a -Confirm prompt
                return _cmdlet.ShouldProcess(target, action);
            }

            public override void Warn(string message) => _cmdlet.WriteWarning(message);

            public override T Wait<T>(Task<T> task) => _cmdlet.Await(task);

            public override void NoSubnets() =>
                _cmdlet.WriteWarning($"No available subnet tagged {_cmdlet._tag} in {_zone} of {_nat.VpcId}: there is nothing to take over. " +
                    "Tag the zone's private subnets, or pass -PrivateSubnetTag.");

            public override void Planned(TakeoverPlan plan)
            {
                foreach (var left in plan.Subnets.Where(s => s.Action == TakeoverAction.LeftForeign))
                {
                    _cmdlet.WriteWarning($"{left.Subnet.Id}: {left.RouteTableId} sends 0.0.0.0/0 to {left.PreviousTarget}, which HaNat does not own. " +
                        "Left as it is; pass -Force to take it over.");
                }
                if (!plan.HasWrites) _cmdlet.WriteVerbose($"{_nat.Id} already owns {_zone}: nothing to write.");
            }
        }

        private void ConfigureHost(InstanceMetadata local)
        {
            var what = "Enable IPv4 forwarding and masquerade " + string.Join(", ", local.VpcCidrBlocks);
            if (!ShouldProcess("this host (" + local.InstanceId + ")", what)) return;
            HostNatReport report;
            using (VerboseCallsWhenDone())
            {
                report = HostNatConfigurator.Configure(new HostNatRequest(local.VpcCidrBlocks, local.MacAddress), CallLog.Note);
            }
            WriteVerbose(report.Changes.Count == 0
                ? $"Host already forwards and masquerades on {report.InterfaceName} ({report.InterfaceAddress})."
                : $"Host set up on {report.InterfaceName} ({report.InterfaceAddress}): {string.Join("; ", report.Changes)}");
        }
    }
}
