using Amazon.EC2;
using Amazon.EC2.Model;
using HaNat.Aws;
using HaNat.Build;
using HaNat.Layout;
using HaNat.Routing;
using HaNat.Tagging;

namespace HaNat.Install
{
    /// <summary>
    /// The writes Add-HaNatVpc makes to what it did not build, before the NAT deployment: hanat:served-by on the VPC,
    /// the served subnets and tables, each table's zone and its previous default target (so that Remove-HaNatVpc can
    /// put it back), and a table of its own for a subnet on the main table. Each write is recorded in the build's
    /// journal with its undo (the tags it added taken off, the table it made deleted), so a failed install leaves the
    /// VPC as it was. No route is changed here: the zone's NAT takes its tables once it has booted and checked itself.
    /// </summary>
    internal sealed class InstallWrites
    {
        private readonly InstallPlan _plan;
        private readonly ExistingVpc _vpc;
        private readonly AwsSession _session;
        private readonly IAmazonEC2 _ec2;
        private readonly BuildJournal _journal;

        public InstallWrites(InstallPlan plan, ExistingVpc vpc, AwsSession session, IAmazonEC2 ec2, BuildJournal journal)
        {
            _plan = plan;
            _vpc = vpc;
            _session = session;
            _ec2 = ec2;
            _journal = journal;
            Steps = PlanSteps();
        }

        public IReadOnlyList<BuildStep> Steps { get; }

        /// <summary>The id of each table made for a subnet on the main table, once its step has run.</summary>
        public IReadOnlyDictionary<ServedTable, string> MadeTables => _madeTables;

        private readonly Dictionary<ServedTable, string> _madeTables = new Dictionary<ServedTable, string>();

        private string Served => $"{HaNatTags.ServedBy}={_plan.Name}";

        private List<BuildStep> PlanSteps()
        {
            var steps = new List<BuildStep>();
            if (!_plan.AlreadyInstalled)
            {
                steps.Add(new BuildStep("Tag VPC", $"{_plan.VpcId}: {Served} (the VPC itself stays as it is)", () => TagAsync(_plan.VpcId, ServedTag())));
            }
            foreach (var zone in _plan.Zones)
            {
                foreach (var table in zone.ServedTables.Where(t => !t.AlreadyServed))
                {
                    var now = table.CurrentTarget ?? "no default route";
                    if (table.IsNewTable)
                    {
                        var subnet = table.SubnetIds[0];
                        // The subnet is tagged before HaNat's table is associated with it: the Operator policy associates
                        // a HaNat table only with a subnet that carries hanat:served-by, and the rollback (last first)
                        // undoes the association before it takes the tag off.
                        steps.Add(new BuildStep("Tag subnet", $"{subnet}: {Served}", () => TagAsync(subnet, ServedTag())));
                        steps.Add(new BuildStep("Create route table",
                            $"{LayoutNames.NameOf(_plan.Name, LayoutComponents.PrivateRouteTable, zone.Zone)} for {subnet}, on the main table {table.SourceTableId} until now " +
                            $"(its routes copied, 0.0.0.0/0 to {now} until {zone.Zone}'s NAT takes it)",
                            () => CreateOwnTableAsync(zone.Zone, table)));
                    }
                    else
                    {
                        steps.Add(new BuildStep("Tag route table",
                            $"{table.TableId} ({zone.Zone}; 0.0.0.0/0 to {now} now, to {zone.Zone}'s NAT once it has checked itself; back to {table.RestoreDefault} on removal)",
                            () => TagAsync(table.TableId!, TableTags(zone.Zone, table))));
                    }
                    foreach (var subnet in table.SubnetIds.Where(_ => !table.IsNewTable))
                    {
                        steps.Add(new BuildStep("Tag subnet", $"{subnet}: {Served}", () => TagAsync(subnet, ServedTag())));
                    }
                }
            }
            return steps;
        }

        private List<Tag> ServedTag() => new List<Tag> { new Tag(HaNatTags.ServedBy, _plan.Name) };

        private List<Tag> TableTags(string zone, ServedTable table) => new List<Tag>
        {
            new Tag(HaNatTags.ServedBy, _plan.Name),
            new Tag(HaNatTags.Zone, zone),
            new Tag(HaNatTags.RestoreDefault, table.RestoreDefault),
        };

        /// <summary>Adds the tags, and records their removal: DeleteTags with key and value takes off only what HaNat added.</summary>
        private async Task TagAsync(string resourceId, List<Tag> tags)
        {
            var text = string.Join(", ", tags.Select(t => $"{t.Key}={t.Value}"));
            await Ec2("CreateTags", $"{resourceId} {text}", ct => _ec2.CreateTagsAsync(
                new CreateTagsRequest { Resources = new List<string> { resourceId }, Tags = tags }, ct)).ConfigureAwait(false);
            _journal.Record($"tags {text} on {resourceId}", () => Ec2("DeleteTags", $"{resourceId} {text}", ct => _ec2.DeleteTagsAsync(
                new DeleteTagsRequest { Resources = new List<string> { resourceId }, Tags = tags }, ct)));
        }

        /// <summary>
        /// A table of the subnet's own, made as HaNat's (hanat:managed), with the main table's routes that CreateRoute can
        /// make again and its default route, so the subnet keeps every path it had until its zone's NAT takes the table.
        /// </summary>
        private async Task CreateOwnTableAsync(string zone, ServedTable table)
        {
            var subnet = table.SubnetIds[0];
            var tags = LayoutNames.TagsOf(_plan.Name, LayoutComponents.PrivateRouteTable, zone)
                .Concat(new[]
                {
                    new LayoutTag(HaNatTags.VpcId, _plan.VpcId),
                    new LayoutTag(HaNatTags.ServedBy, _plan.Name),
                    new LayoutTag(HaNatTags.RestoreDefault, table.RestoreDefault),
                });
            var request = new CreateRouteTableRequest { VpcId = _plan.VpcId, TagSpecifications = BuildTags.Ec2("route-table", tags) };
            var created = await Ec2("CreateRouteTable", $"for {subnet}", ct => _ec2.CreateRouteTableAsync(request, ct)).ConfigureAwait(false);
            var id = created.RouteTable.RouteTableId;
            _madeTables[table] = id;
            _journal.Record("route table " + id, () => Ec2("DeleteRouteTable", id,
                ct => _ec2.DeleteRouteTableAsync(new DeleteRouteTableRequest { RouteTableId = id }, ct)));

            var main = RouteReading.Table(_vpc.RouteTables.Single(t => t.Id == table.SourceTableId));
            foreach (var route in main.OtherRoutes.Where(r => r.NotCopyable == null))
            {
                await CreateRouteAsync(RouteRequests.Create(id, route.Destination, route.Kind, route.TargetId), "copied from the main table").ConfigureAwait(false);
            }
            foreach (var route in main.OtherRoutes.Where(r => r.NotCopyable != null))
            {
                _session.Log.Note($"Not copied to {id}: {route.Destination} via {route.TargetId}, {route.NotCopyable}.");
            }
            var current = main.DefaultRoute;
            if (current != null && !current.Blackhole)
            {
                await CreateRouteAsync(RouteRequests.Create(id, RouteReading.DefaultDestination, current.Kind, current.TargetId), "as the main table has it").ConfigureAwait(false);
            }

            var association = await Ec2("AssociateRouteTable", $"{id} with {subnet}", ct => _ec2.AssociateRouteTableAsync(
                new AssociateRouteTableRequest { RouteTableId = id, SubnetId = subnet }, ct)).ConfigureAwait(false);
            var associationId = association.AssociationId;
            // Undone before the table is deleted (the journal runs last first): the subnet is back on the main table.
            _journal.Record($"association of {subnet} with {id}", () => Ec2("DisassociateRouteTable", $"{subnet} from {id}",
                ct => _ec2.DisassociateRouteTableAsync(new DisassociateRouteTableRequest { AssociationId = associationId }, ct)));
        }

        // A route goes with its table; it needs no undo of its own.
        private Task CreateRouteAsync(CreateRouteRequest request, string why) =>
            Ec2("CreateRoute", $"{request.RouteTableId} {request.DestinationCidrBlock} ({why})", ct => _ec2.CreateRouteAsync(request, ct));

        private Task<T> Ec2<T>(string operation, string detail, System.Func<CancellationToken, Task<T>> call) =>
            _session.Call("EC2", operation, detail, call);
    }
}
