using Amazon.EC2;
using Amazon.EC2.Model;
using HaNat.Aws;
using HaNat.Aws.Ec2;
using HaNat.Build;
using HaNat.Tagging;

namespace HaNat.Install
{
    /// <summary>
    /// Carries out a <see cref="GatewayRetirementPlan"/>, per gateway: the gateway's address tagged as the zone's
    /// (recorded, undone if the deletion fails), the gateway deleted and waited for, the address moved to the zone's NAT,
    /// HaNat's own address of the zone released. A deleted gateway cannot come back, so what follows its deletion is not
    /// rolled back; a run that stops there is finished by the next (the planner moves a stranded adopted address).
    /// </summary>
    internal sealed class GatewayRetirementWrites
    {
        private static readonly TimeSpan DeletionTimeout = TimeSpan.FromMinutes(10);
        private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

        private readonly string _name;
        private readonly string _vpcId;
        private readonly AwsSession _session;
        private readonly IAmazonEC2 _ec2;
        private readonly BuildJournal _journal;

        public GatewayRetirementWrites(GatewayRetirementPlan plan, string name, string vpcId, AwsSession session, IAmazonEC2 ec2, BuildJournal journal)
        {
            _name = name;
            _vpcId = vpcId;
            _session = session;
            _ec2 = ec2;
            _journal = journal;
            Steps = plan.Retirements.SelectMany(StepsOf).ToList();
        }

        public IReadOnlyList<BuildStep> Steps { get; }

        private IEnumerable<BuildStep> StepsOf(GatewayRetirement r)
        {
            if (r.AdoptAllocationId != null && r.NatGatewayId != null)
            {
                yield return new BuildStep("Adopt Elastic IP", $"{r.AdoptAllocationId} ({r.AdoptPublicIp}) of {r.NatGatewayId} as {r.Zone}'s address; HaNat never releases it",
                    () => AdoptAsync(r));
            }
            if (r.NatGatewayId != null)
            {
                yield return new BuildStep("Delete NAT gateway", $"{r.NatGatewayId} ({r.Zone}; its tables route to {r.NatInstanceId})", () => DeleteGatewayAsync(r.NatGatewayId));
            }
            if (r.AdoptAllocationId != null)
            {
                yield return new BuildStep("Associate Elastic IP", $"{r.AdoptAllocationId} ({r.AdoptPublicIp}) with {r.NatInstanceId}, {r.Zone}'s NAT", () => AssociateAsync(r));
            }
            if (r.ReleaseAllocationId != null)
            {
                yield return new BuildStep("Release Elastic IP", $"{r.ReleaseAllocationId} (HaNat's address of {r.Zone}, replaced by {r.AdoptPublicIp})",
                    () => Ec2("ReleaseAddress", r.ReleaseAllocationId, ct => _ec2.ReleaseAddressAsync(new ReleaseAddressRequest { AllocationId = r.ReleaseAllocationId }, ct)));
            }
        }

        private async Task AdoptAsync(GatewayRetirement r)
        {
            var tags = new List<Tag> { new Tag(HaNatTags.ServedBy, _name), new Tag(HaNatTags.Zone, r.Zone), new Tag(HaNatTags.VpcId, _vpcId) };
            var resources = new List<string> { r.AdoptAllocationId! };
            await Ec2("CreateTags", $"{r.AdoptAllocationId} {HaNatTags.ServedBy}={_name} {HaNatTags.Zone}={r.Zone}",
                ct => _ec2.CreateTagsAsync(new CreateTagsRequest { Resources = resources, Tags = tags }, ct)).ConfigureAwait(false);
            _journal.Record("tags on " + r.AdoptAllocationId, () => Ec2("DeleteTags", r.AdoptAllocationId!,
                ct => _ec2.DeleteTagsAsync(new DeleteTagsRequest { Resources = resources, Tags = tags }, ct)));
        }

        /// <summary>
        /// Marks the gateway as one this deployment retires (hanat:served-by: the Operator policy lets HaNat delete only a
        /// gateway so marked), deletes it, and waits until EC2 says it is deleted: only then is its address free to move.
        /// </summary>
        private async Task DeleteGatewayAsync(string gatewayId)
        {
            var mark = new List<Tag> { new Tag(HaNatTags.ServedBy, _name) };
            var resources = new List<string> { gatewayId };
            await Ec2("CreateTags", $"{gatewayId} {HaNatTags.ServedBy}={_name}",
                ct => _ec2.CreateTagsAsync(new CreateTagsRequest { Resources = resources, Tags = mark }, ct)).ConfigureAwait(false);
            // Not undone: a gateway whose deletion failed keeps the mark, and the next run deletes it.
            await Ec2("DeleteNatGateway", gatewayId, ct => _ec2.DeleteNatGatewayAsync(new DeleteNatGatewayRequest { NatGatewayId = gatewayId }, ct)).ConfigureAwait(false);
            var reads = new Ec2Reads(_ec2, _session);
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (true)
            {
                var found = await reads.NatGatewaysAsync(new List<Filter> { Ec2Reads.By("nat-gateway-id", gatewayId) }).ConfigureAwait(false);
                var state = found.FirstOrDefault()?.State ?? "deleted";
                if (state == "deleted") return;
                if (state == "failed" || waited.Elapsed > DeletionTimeout)
                {
                    throw new HaNatException("NatGatewayDeletionTimedOut", HaNatErrorKind.OperationStopped,
                        $"NAT gateway {gatewayId} is {state} after {waited.Elapsed.TotalSeconds:F0} s. Its zone routes through HaNat already; " +
                        "run Add-HaNatVpc -DeleteNatGateway again once EC2 has deleted it, to move its address.") { Target = gatewayId };
                }
                await Task.Delay(PollInterval, _session.Cancellation).ConfigureAwait(false);
            }
        }

        private Task<AssociateAddressResponse> AssociateAsync(GatewayRetirement r) =>
            Ec2("AssociateAddress", $"{r.AdoptAllocationId} to {r.NatInstanceId}", ct => _ec2.AssociateAddressAsync(new AssociateAddressRequest
            {
                AllocationId = r.AdoptAllocationId,
                InstanceId = r.NatInstanceId,
                AllowReassociation = true,
            }, ct));

        private Task<T> Ec2<T>(string operation, string detail, Func<CancellationToken, Task<T>> call) =>
            _session.Call("EC2", operation, detail, call);
    }
}
