using System.Management.Automation;
using HaNat.Aws;
using HaNat.DataPlane;
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

        private PrivateSubnetTag _givenTag = Tagging.PrivateSubnetTag.Parse(null);

        protected override void BeginProcessing() => _givenTag = ParsePrivateSubnetTag(PrivateSubnetTag);

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
            // Per NAT: without -PrivateSubnetTag, each serves its own deployment's subnets (see PrivateSubnetTag.OfInstance).
            _tag = MyInvocation.BoundParameters.ContainsKey(nameof(PrivateSubnetTag)) ? _givenTag : Tagging.PrivateSubnetTag.OfInstance(nat.Tags);
            var zone = AvailabilityZone ?? nat.AvailabilityZone;
            if (zone != nat.AvailabilityZone)
            {
                TakeoverPreflight.RequireVpcZone(zone, nat.VpcId, session.Region, Await(reader.DescribeVpcZonesAsync(nat.VpcId)));
            }

            // Make-before-break: on the NAT itself, the host is set up and its data plane checked before any route
            // moves; tables on a working NAT gateway move only if the check passed. Named from elsewhere (-InstanceId),
            // the NAT's host is the operator's word.
            string? hold = null;
            if (local != null) hold = ConfigureHost(local);

            IReadOnlyList<TakeoverResult>? results;
            using (VerboseCallsWhenDone())
            {
                results = TakeoverSequence.Run(ec2, session, nat, zone, _tag, Force.IsPresent, new CmdletObserver(this, nat, zone), hold);
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
                    _cmdlet.WriteWarning(left.PreviousTarget == null
                        ? $"{left.Subnet.Id}: {left.RouteTableId} is not a table deployment {_cmdlet._tag.Value} serves. Left as it is; pass -Force to take it over."
                        : $"{left.Subnet.Id}: {left.RouteTableId} sends 0.0.0.0/0 to {left.PreviousTarget}, which HaNat does not own. " +
                          "Left as it is; pass -Force to take it over.");
                }
                foreach (var left in plan.Subnets.Where(s => s.Action == TakeoverAction.LeftOnMainTable))
                {
                    _cmdlet.WriteWarning($"{left.Subnet.Id} is on the main table of {_nat.VpcId}, which HaNat does not write in a VPC it did not build. " +
                        "Run Add-HaNatVpc again to give it a table of its own.");
                }
                foreach (var held in plan.Subnets.Where(s => s.Action == TakeoverAction.HeldOnNatGateway).Select(s => s.RouteTableId).Distinct())
                {
                    _cmdlet.WriteWarning($"{held} stays on its NAT gateway, which carries the zone's traffic until this NAT can: {plan.HeldBecause}. " +
                        "Fix that and run Invoke-HaNatTakeover again.");
                }
                foreach (var held in plan.Subnets.Where(s => s.Action == TakeoverAction.HeldOnNat).GroupBy(s => s.RouteTableId))
                {
                    _cmdlet.WriteWarning($"{held.Key} stays on {held.First().Target}, the NAT that still runs and carries the zone's traffic until this NAT can: " +
                        $"{plan.HeldBecause}. Fix that and run Invoke-HaNatTakeover again, or replace this instance.");
                }
                foreach (var other in plan.Subnets.Where(s => s.Action == TakeoverAction.ServedByOtherZone))
                {
                    _cmdlet.WriteVerbose($"{other.Subnet.Id}: {other.RouteTableId} is served by another zone's NAT (its tag {HaNatTags.Zone}); not written.");
                }
                if (!plan.HasWrites) _cmdlet.WriteVerbose($"{_nat.Id} already owns {_zone}: nothing to write.");
            }
        }

        /// <returns>Why tables on a working NAT gateway must stay there (the set-up declined, the data plane failing); null when the NAT is ready, or under -WhatIf.</returns>
        private string? ConfigureHost(InstanceMetadata local)
        {
            var what = "Enable IPv4 forwarding and masquerade " + string.Join(", ", local.VpcCidrBlocks);
            if (!ShouldProcess("this host (" + local.InstanceId + ")", what))
            {
                // Under -WhatIf the plan shows the takeover as it goes once the host is set up.
                return IsWhatIf ? null : HandoverReadiness.HostNotSetUp("was declined");
            }
            HostNatReport report;
            using (VerboseCallsWhenDone())
            {
                report = HostNatConfigurator.Configure(new HostNatRequest(local.VpcCidrBlocks, local.MacAddress), CallLog.Note);
            }
            WriteVerbose(report.Changes.Count == 0
                ? $"Host already forwards and masquerades on {report.InterfaceName} ({report.InterfaceAddress})."
                : $"Host set up on {report.InterfaceName} ({report.InterfaceAddress}): {string.Join("; ", report.Changes)}");

            var checks = DataPlaneJudge.Judge(new DataPlaneReader().Read(local.VpcCidrBlocks, local.MacAddress));
            var hold = HandoverReadiness.HoldBecause(checks);
            WriteVerbose(hold ?? "Data-plane check passed: " + string.Join("; ", checks.Select(c => c.ToString())));
            return hold;
        }
    }
}
