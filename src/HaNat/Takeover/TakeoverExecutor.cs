using Amazon.EC2;
using Amazon.EC2.Model;
using HaNat.Aws;
using HaNat.Model;
using HaNat.Routing;
using HaNat.Tagging;

namespace HaNat.Takeover
{
    /// <summary>
    /// Applies a <see cref="TakeoverPlan"/> in its order and nothing else. Each write is offered to the observer's
    /// <see cref="TakeoverObserver.ShouldProcess"/> first (that is -WhatIf and -Confirm). A route table it creates and cannot finish is
    /// deleted again, so a failure leaves no half-made table behind.
    /// </summary>
    internal sealed class TakeoverExecutor
    {
        public const string DefaultDestination = "0.0.0.0/0";

        private readonly IAmazonEC2 _ec2;
        private readonly AwsSession _session;

        public TakeoverExecutor(IAmazonEC2 ec2, AwsSession session)
        {
            _ec2 = ec2;
            _session = session;
        }

        /// <param name="observer">Whether to write each step, -WhatIf, and where to say why something was not done.</param>
        public IReadOnlyList<TakeoverResult> Apply(TakeoverPlan plan, TakeoverObserver observer)
        {
            var sourceDestCheckOff = !plan.DisableSourceDestCheck;
            if (plan.DisableSourceDestCheck && observer.ShouldProcess(plan.InstanceId, "Turn source/dest check off"))
            {
                Run(() => _session.Call("EC2", "ModifyInstanceAttribute", $"{plan.InstanceId} SourceDestCheck=false",
                    ct => _ec2.ModifyInstanceAttributeAsync(new ModifyInstanceAttributeRequest
                    {
                        InstanceId = plan.InstanceId,
                        SourceDestCheck = false,
                    }, ct)));
                sourceDestCheckOff = true;
            }
            if (!sourceDestCheckOff && !observer.WhatIf)
            {
                observer.Warn($"No route was changed: {plan.InstanceId} still has source/dest check on, and a route to it would black-hole traffic.");
                return Array.Empty<TakeoverResult>();
            }

            if (plan.Address != null &&
                observer.ShouldProcess(plan.Address.PublicIp, $"Associate Elastic IP {plan.Address.AllocationId} with {plan.InstanceId}" +
                    (plan.Address.PreviousInstanceId != null ? $" (moving it from {plan.Address.PreviousInstanceId})" : "")))
            {
                Run(() => _session.Call("EC2", "AssociateAddress", $"{plan.Address.AllocationId} -> {plan.InstanceId}",
                    ct => _ec2.AssociateAddressAsync(new AssociateAddressRequest
                    {
                        AllocationId = plan.Address.AllocationId,
                        InstanceId = plan.InstanceId,
                        AllowReassociation = true,
                    }, ct)));
            }

            var applied = new Dictionary<RouteTableWrite, string>();
            foreach (var write in plan.Writes)
            {
                var target = write.RouteTableId ?? write.SubnetId!;
                if (!observer.ShouldProcess(target, write.Describe(plan.InstanceId))) continue;
                applied[write] = write.Kind == RouteWriteKind.NewRouteTable
                    ? CreateOwnTable(plan, write, observer)
                    : WriteRoute(plan.InstanceId, write);
            }

            var results = new List<TakeoverResult>();
            foreach (var subnet in plan.Subnets)
            {
                string? tableId = subnet.RouteTableId;
                if (subnet.Write != null)
                {
                    if (!applied.TryGetValue(subnet.Write, out var writtenTable)) continue;
                    tableId = writtenTable;
                }
                var target = subnet.Target ?? plan.InstanceId;
                results.Add(new TakeoverResult(subnet.Subnet.Id, tableId!, subnet.Subnet.AvailabilityZone, subnet.Action,
                    subnet.PreviousTarget, target, plan.InstanceId, plan.VpcId));
            }
            return results;
        }

        private string WriteRoute(string instanceId, RouteTableWrite write)
        {
            if (write.Kind == RouteWriteKind.CreateRoute)
            {
                var request = new CreateRouteRequest { RouteTableId = write.RouteTableId, DestinationCidrBlock = DefaultDestination };
                if (write.NatGatewayId != null) request.NatGatewayId = write.NatGatewayId;
                else request.InstanceId = instanceId;
                Run(() => _session.Call("EC2", "CreateRoute", $"{write.RouteTableId} {DefaultDestination} -> {write.TargetFor(instanceId)}",
                    ct => _ec2.CreateRouteAsync(request, ct)));
            }
            else
            {
                var request = new ReplaceRouteRequest { RouteTableId = write.RouteTableId, DestinationCidrBlock = DefaultDestination };
                if (write.NatGatewayId != null) request.NatGatewayId = write.NatGatewayId;
                else request.InstanceId = instanceId;
                Run(() => _session.Call("EC2", "ReplaceRoute", $"{write.RouteTableId} {DefaultDestination} -> {write.TargetFor(instanceId)}",
                    ct => _ec2.ReplaceRouteAsync(request, ct)));
            }
            return write.RouteTableId!;
        }

        private string CreateOwnTable(TakeoverPlan plan, RouteTableWrite write, TakeoverObserver observer)
        {
            var subnetId = write.SubnetId!;
            var created = Run(() => _session.Call("EC2", "CreateRouteTable", $"{plan.VpcId} for {subnetId}",
                ct => _ec2.CreateRouteTableAsync(new CreateRouteTableRequest
                {
                    VpcId = plan.VpcId,
                    TagSpecifications = new List<TagSpecification>
                    {
                        new TagSpecification
                        {
                            ResourceType = ResourceType.RouteTable,
                            Tags = new List<Tag>
                            {
                                new Tag("Name", "hanat-private-" + subnetId),
                                new Tag(HaNatTags.Managed, HaNatTags.ManagedValue),
                                new Tag(HaNatTags.Zone, plan.AvailabilityZone),
                                new Tag(HaNatTags.Component, "private-route-table"),
                            },
                        },
                    },
                }, ct)));
            var tableId = created.RouteTable.RouteTableId;
            try
            {
                WriteRoute(plan.InstanceId, new RouteTableWrite(RouteWriteKind.CreateRoute, tableId, null, null, false));
                // The subnet's other paths go with it, before it is associated, so that it never has the new table without them.
                foreach (var route in write.CopiedRoutes) CopyRoute(tableId, route);
                foreach (var route in write.NotCopied)
                {
                    observer.Warn($"{subnetId} leaves the main table, whose route {route} cannot be copied to {tableId} ({route.NotCopyable}); add it there yourself.");
                }
                Run(() => _session.Call("EC2", "AssociateRouteTable", $"{tableId} -> {subnetId}",
                    ct => _ec2.AssociateRouteTableAsync(new AssociateRouteTableRequest { RouteTableId = tableId, SubnetId = subnetId },
                        ct)));
                return tableId;
            }
            catch
            {
                // Roll back the table this run made; the subnet stays on the main table, as before.
                try
                {
                    Run(() => _session.Call("EC2", "DeleteRouteTable", tableId + " (rollback)",
                        // Not the session's token: a rollback runs even after Ctrl+C.
                        _ => _ec2.DeleteRouteTableAsync(new DeleteRouteTableRequest { RouteTableId = tableId }, System.Threading.CancellationToken.None)));
                }
                catch (HaNatException)
                {
                    _session.Log.Note($"Could not delete {tableId} while rolling back; it is tagged {HaNatTags.Managed}=true and Remove-HaNatVpc removes it.");
                }
                throw;
            }
        }

        private void CopyRoute(string tableId, OtherRoute route)
        {
            var request = RouteRequests.Create(tableId, route.Destination, route.Kind, route.TargetId);
            Run(() => _session.Call("EC2", "CreateRoute", $"{tableId} {route} (copied from the main table)",
                ct => _ec2.CreateRouteAsync(request, ct)));
        }

        private static T Run<T>(Func<Task<T>> call) => call().GetAwaiter().GetResult();
    }
}
