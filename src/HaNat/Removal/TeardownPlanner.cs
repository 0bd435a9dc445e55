using HaNat.Inventory;
using HaNat.Layout;
using HaNat.NatDeployment;
using HaNat.Tagging;

namespace HaNat.Removal
{
    /// <summary>
    /// Plans Remove-HaNatVpc from an inventory, with no I/O. It removes only what carries HaNat's tags for this VPC,
    /// in the order AWS's dependencies need: the group (its NATs hold the security group, subnets and addresses),
    /// the launch template, the instance profile, the role, the heartbeat key, the Elastic IPs, the route tables
    /// (with their routes; never the main table, which goes with the VPC), the subnets, the internet gateway, the
    /// security group, and last the VPC.
    /// <para>
    /// HaNat's own peerings (Connect-HaNatVpc's) go first, with the routes to them in the peer's HaNat tables.
    /// Anything in the VPC that HaNat did not make (a subnet, an instance, a load balancer's or endpoint's network
    /// interface, a security group, a route table, a peering) blocks the removal before its first write. Removing
    /// HaNat's part around it instead would take the NATs away from whatever runs there and still not free the VPC:
    /// an outage for nothing. The user moves or deletes those first, and nothing is destroyed that HaNat did not create.
    /// </para>
    /// </summary>
    internal static class TeardownPlanner
    {
        public static TeardownPlan Plan(VpcInventory inventory)
        {
            // A deployment in a VPC HaNat did not build: what is there stays, and HaNat's part goes around it.
            if (inventory.IsAdded) return AddedTeardownPlanner.Plan(inventory);
            var vpcId = inventory.Vpc?.Id;
            var steps = new List<TeardownStep>();
            var blockers = new List<string>();
            var leftAlone = new List<string>();
            var group = inventory.Group;
            var groupIsOurs = PlanDeployment(inventory, steps, leftAlone);

            if (inventory.Vpc != null) PlanVpc(inventory, inventory.Vpc, groupIsOurs ? group : null, steps, blockers);
            else PlanDetachedGateways(inventory, steps);

            return new TeardownPlan(inventory.Name, vpcId, steps, blockers, leftAlone);
        }

        /// <summary>
        /// The deployment's own resources outside the VPC's network, the same in a VPC HaNat built or one it was added
        /// to: the group (and its NATs), the alarms, the launch template, the instance profile, the role, the heartbeat key and
        /// HaNat's Elastic IPs. True when the group is this deployment's.
        /// </summary>
        internal static bool PlanDeployment(VpcInventory inventory, List<TeardownStep> steps, List<string> leftAlone)
        {
            var name = inventory.Name;
            var vpcId = inventory.Vpc?.Id;

            var group = inventory.Group;
            var groupIsOurs = group != null && Ownership.IsOf(group, name, vpcId);
            if (group != null && groupIsOurs) steps.Add(new TeardownStep(TeardownAction.DeleteAutoScalingGroup, group.Id, $"{group.Id} (and wait for its instances to terminate)"));
            else if (group != null) leftAlone.Add(group.Describe("Auto Scaling group") + ": not tagged as this HaNat VPC's");

            // The alarms next, as soon as their NATs are gone (the group's deletion takes minutes; the soonest of them to
            // fire on silence waits ten). Only those tagged as this VPC's: a user's own
            // alarm on HaNat's metrics, named like HaNat's or not, stays; another VPC's (its name extends this one's) is not listed.
            foreach (var alarm in inventory.Alarms)
            {
                if (Ownership.IsOf(alarm, name, vpcId)) steps.Add(new TeardownStep(TeardownAction.DeleteAlarm, alarm.Id, "CloudWatch alarm " + alarm.Id));
                else if (alarm.Tag(HaNatTags.VpcName) == null || alarm.Tag(HaNatTags.VpcName) == name) leftAlone.Add($"CloudWatch alarm {alarm.Id}: not tagged as made by HaNat for this VPC");
            }

            var template = inventory.LaunchTemplate;
            if (template != null && Ownership.IsOf(template, name, vpcId)) steps.Add(new TeardownStep(TeardownAction.DeleteLaunchTemplate, template.Id, $"{template.Name} ({template.Id})"));
            else if (template != null) leftAlone.Add(template.Describe("launch template") + ": not tagged as this HaNat VPC's");

            var profile = inventory.InstanceProfile;
            if (profile != null && IsOurIam(profile, name, vpcId))
            {
                foreach (var role in profile.Members) steps.Add(new TeardownStep(TeardownAction.RemoveRoleFromInstanceProfile, profile.Id, $"{role} from {profile.Id}", role));
                steps.Add(new TeardownStep(TeardownAction.DeleteInstanceProfile, profile.Id, profile.Path + profile.Id));
            }
            else if (profile != null) leftAlone.Add($"IAM instance profile {profile.Path}{profile.Id}: not under {LayoutNames.IamPath} with this HaNat VPC's tags");

            var roleFound = inventory.Role;
            if (roleFound != null && IsOurIam(roleFound, name, vpcId))
            {
                foreach (var policy in roleFound.Members) steps.Add(new TeardownStep(TeardownAction.DeleteRolePolicy, policy, $"{policy} of {roleFound.Id}", roleFound.Id));
                steps.Add(new TeardownStep(TeardownAction.DeleteRole, roleFound.Id, roleFound.Path + roleFound.Id));
            }
            else if (roleFound != null) leftAlone.Add($"IAM role {roleFound.Path}{roleFound.Id}: not under {LayoutNames.IamPath} with this HaNat VPC's tags");

            // The parameter lives under /hanat/<name>/, a path only HaNat writes (the Operator policy's ssm scope).
            if (inventory.HeartbeatKeyParameter != null)
            {
                steps.Add(new TeardownStep(TeardownAction.DeleteParameter, inventory.HeartbeatKeyParameter, inventory.HeartbeatKeyParameter));
            }

            foreach (var address in inventory.Addresses)
            {
                if (!Ownership.IsOf(address, name, vpcId))
                {
                    leftAlone.Add(address.Describe("Elastic IP") + ": tagged for another VPC");
                    continue;
                }
                var label = $"{address.PublicIp} ({address.Id})";
                if (address.AssociationId != null) steps.Add(new TeardownStep(TeardownAction.DisassociateAddress, address.AssociationId, label));
                steps.Add(new TeardownStep(TeardownAction.ReleaseAddress, address.Id, label));
            }
            return groupIsOurs;
        }

        /// <summary>CloudFormation's own tag on what a stack made.</summary>
        public const string StackNameTag = "aws:cloudformation:stack-name";

        /// <summary>
        /// The refusal for a VPC that a CloudFormation stack made (from Export-HaNatTemplate's template), or null.
        /// Its stack owns everything in it: deleting those resources from under the stack would leave a stack that can
        /// neither update nor delete cleanly, so the stack is what removes them.
        /// </summary>
        public static HaNatException? StackRefusal(VpcInventory inventory)
        {
            var stack = inventory.Vpc?.Tag(StackNameTag);
            if (string.IsNullOrEmpty(stack)) return null;
            return new HaNatException("VpcManagedByStack", HaNatErrorKind.InvalidOperation,
                $"HaNat VPC '{inventory.Name}' ({inventory.Vpc!.Id}) belongs to the CloudFormation stack '{stack}', so nothing was removed. " +
                $"Delete the stack instead (Remove-CFNStack -StackName {stack}, or aws cloudformation delete-stack --stack-name {stack}), " +
                $"then its heartbeat key: aws ssm delete-parameter --name {HeartbeatKey.ParameterName(inventory.Name)}.")
            { Target = inventory.Vpc.Id };
        }

        /// <summary>The refusal for a plan with blockers, listing each and saying what to do.</summary>
        public static HaNatException Refusal(TeardownPlan plan) =>
            new HaNatException("ForeignResourcesInVpc", HaNatErrorKind.ResourceExists,
                $"HaNat VPC '{plan.Name}' ({plan.VpcId}) holds what HaNat did not create, so nothing was removed: {string.Join("; ", plan.Blockers)}. " +
                "Move or delete those first, then run Remove-HaNatVpc again.")
            { Target = plan.VpcId };

        private static void PlanVpc(VpcInventory inventory, FoundVpc vpc, FoundGroup? ourGroup, List<TeardownStep> steps, List<string> blockers)
        {
            var name = inventory.Name;
            bool Ours(FoundResource r) => Ownership.IsInVpcOf(r, name, vpc.Id);

            // The NATs are the group's: listed in it, or tagged with its name by Auto Scaling.
            var nats = new HashSet<string>(ourGroup?.InstanceIds ?? new string[0]);
            if (ourGroup != null)
            {
                foreach (var instance in inventory.Instances.Where(i => i.Tag("aws:autoscaling:groupName") == ourGroup.Id)) nats.Add(instance.Id);
            }
            blockers.AddRange(inventory.Instances.Where(i => !nats.Contains(i.Id)).Select(i => i.Describe("instance") + $", {i.State}"));
            // An instance's interfaces are judged with the instance (and go when it terminates); the rest are a NAT
            // gateway's, an endpoint's, a load balancer's, a Lambda function's...
            blockers.AddRange(inventory.NetworkInterfaces
                .Where(n => n.InstanceId == null && !Ours(n))
                .Select(n => n.Describe("network interface") + $", {n.InterfaceType}" + (string.IsNullOrEmpty(n.Description) ? string.Empty : ": " + n.Description)));
            blockers.AddRange(inventory.Subnets.Where(s => !Ours(s)).Select(s => s.Describe("subnet")));
            blockers.AddRange(inventory.RouteTables.Where(t => !t.IsMain && !Ours(t)).Select(t => t.Describe("route table")));
            blockers.AddRange(inventory.SecurityGroups.Where(g => !g.IsDefault && !Ours(g)).Select(g => g.Describe("security group")));
            blockers.AddRange(inventory.InternetGateways.Where(g => g.AttachedVpcIds.Contains(vpc.Id) && !Ownership.IsOf(g, name, vpc.Id)).Select(g => g.Describe("internet gateway")));
            // A peering HaNat made (Connect-HaNatVpc) goes as the rest of what HaNat made does: first, with the routes
            // to it in the peer's HaNat tables, as Disconnect-HaNatVpc removes them. Anyone else's blocks the removal.
            blockers.AddRange(inventory.Peerings.Where(p => !IsHaNats(p)).Select(p => p.Describe("peering") + $" with {p.PeerOf(vpc.Id)}, {p.Status}"));
            foreach (var peering in inventory.Peerings.Where(IsHaNats))
            {
                var peer = peering.PeerOf(vpc.Id) ?? string.Empty;
                var peerRegion = peering.PeerRegionOf(vpc.Id) ?? inventory.Region;
                steps.Add(new TeardownStep(TeardownAction.DisconnectPeering, peering.Id,
                    $"{peering.Id} with {peer} ({peerRegion}), and the routes to it in HaNat's tables on both sides", peer, peerRegion, vpc.Id));
            }

            // Never the main table: EC2 refuses, and it goes with the VPC.
            foreach (var table in inventory.RouteTables.Where(t => !t.IsMain && Ours(t)))
            {
                foreach (var (association, subnet) in table.SubnetAssociations)
                {
                    steps.Add(new TeardownStep(TeardownAction.DisassociateRouteTable, association, $"{subnet} from {table.Describe("route table")}"));
                }
                steps.Add(new TeardownStep(TeardownAction.DeleteRouteTable, table.Id, table.Describe("route table") + ", with its routes"));
            }
            foreach (var subnet in inventory.Subnets.Where(Ours)) steps.Add(new TeardownStep(TeardownAction.DeleteSubnet, subnet.Id, subnet.Describe("subnet")));
            foreach (var gateway in inventory.InternetGateways.Where(g => Ownership.IsOf(g, name, vpc.Id)))
            {
                foreach (var attached in gateway.AttachedVpcIds) steps.Add(new TeardownStep(TeardownAction.DetachInternetGateway, gateway.Id, $"{gateway.Id} from {attached}", attached));
                steps.Add(new TeardownStep(TeardownAction.DeleteInternetGateway, gateway.Id, gateway.Describe("internet gateway")));
            }
            foreach (var group in inventory.SecurityGroups.Where(g => !g.IsDefault && Ours(g)))
            {
                steps.Add(new TeardownStep(TeardownAction.DeleteSecurityGroup, group.Id, group.Describe("security group")));
            }
            steps.Add(new TeardownStep(TeardownAction.DeleteVpc, vpc.Id, vpc.Describe("VPC")));
        }

        /// <summary>With the VPC gone, a gateway tagged for it can only be detached already: delete it.</summary>
        private static void PlanDetachedGateways(VpcInventory inventory, List<TeardownStep> steps)
        {
            foreach (var gateway in inventory.InternetGateways.Where(g => Ownership.IsOf(g, inventory.Name, null)))
            {
                foreach (var attached in gateway.AttachedVpcIds) steps.Add(new TeardownStep(TeardownAction.DetachInternetGateway, gateway.Id, $"{gateway.Id} from {attached}", attached));
                steps.Add(new TeardownStep(TeardownAction.DeleteInternetGateway, gateway.Id, gateway.Describe("internet gateway")));
            }
        }

        private static bool IsHaNats(FoundPeering peering) => peering.Tag(HaNatTags.Managed) == HaNatTags.ManagedValue;

        private static bool IsOurIam(FoundIamEntity entity, string name, string? vpcId) =>
            entity.Path == LayoutNames.IamPath && Ownership.IsOf(entity, name, vpcId);
    }
}
