using System;
using System.Collections.Generic;
using System.Linq;
using HaNat.Inventory;
using HaNat.Layout;
using HaNat.Removal;
using HaNat.Tagging;
using Xunit;
using static HaNat.Tests.Build.InventoryFixture;

namespace HaNat.Tests.Build
{
    public class TeardownPlannerTests
    {
        /// <summary>The phases of a removal: each a set of calls on one kind of resource.</summary>
        private static readonly TeardownAction[][] Phases =
        {
            new[] { TeardownAction.DeleteAutoScalingGroup },
            new[] { TeardownAction.DeleteLaunchTemplate },
            new[] { TeardownAction.RemoveRoleFromInstanceProfile, TeardownAction.DeleteInstanceProfile },
            new[] { TeardownAction.DeleteRolePolicy, TeardownAction.DeleteRole },
            new[] { TeardownAction.DeleteParameter },
            new[] { TeardownAction.DisassociateAddress, TeardownAction.ReleaseAddress },
            new[] { TeardownAction.DisassociateRouteTable, TeardownAction.DeleteRouteTable },
            new[] { TeardownAction.DeleteSubnet },
            new[] { TeardownAction.DetachInternetGateway, TeardownAction.DeleteInternetGateway },
            new[] { TeardownAction.DeleteSecurityGroup },
            new[] { TeardownAction.DeleteVpc },
        };

        [Fact]
        public void AWholeVpcIsRemovedInDependencyOrder()
        {
            var plan = TeardownPlanner.Plan(Whole());

            Assert.Empty(plan.Blockers);
            Assert.Empty(plan.LeftAlone);
            var phaseOf = plan.Steps.Select(step => Array.FindIndex(Phases, phase => phase.Contains(step.Action))).ToList();
            Assert.DoesNotContain(-1, phaseOf);
            Assert.Equal(phaseOf.OrderBy(p => p), phaseOf);
            Assert.Equal(Enumerable.Range(0, Phases.Length), phaseOf.Distinct());
            Assert.Equal(VpcId, plan.Steps[plan.Steps.Count - 1].Id);
        }

        [Fact]
        public void EachTableIsLetGoOfItsSubnetsBeforeItIsDeleted()
        {
            var plan = TeardownPlanner.Plan(Whole());

            foreach (var table in Whole().RouteTables.Where(t => !t.IsMain))
            {
                var delete = plan.Steps.ToList().FindIndex(s => s.Action == TeardownAction.DeleteRouteTable && s.Id == table.Id);
                foreach (var (association, _) in table.SubnetAssociations)
                {
                    var disassociate = plan.Steps.ToList().FindIndex(s => s.Action == TeardownAction.DisassociateRouteTable && s.Id == association);
                    Assert.InRange(disassociate, 0, delete - 1);
                }
            }
            var release = plan.Steps.ToList().FindIndex(s => s.Action == TeardownAction.ReleaseAddress && s.Id == "eipalloc-0");
            Assert.Equal(TeardownAction.DisassociateAddress, plan.Steps[release - 1].Action);
        }

        [Fact]
        public void EveryPartIsRemovedOnce()
        {
            var plan = TeardownPlanner.Plan(Whole());

            int Count(TeardownAction action) => plan.Steps.Count(s => s.Action == action);
            Assert.Equal(4, Count(TeardownAction.DeleteSubnet));
            Assert.Equal(3, Count(TeardownAction.DeleteRouteTable));
            Assert.Equal(4, Count(TeardownAction.DisassociateRouteTable));
            Assert.Equal(2, Count(TeardownAction.ReleaseAddress));
            Assert.Equal(1, Count(TeardownAction.DisassociateAddress));
            Assert.Equal(1, Count(TeardownAction.DeleteSecurityGroup));
            Assert.Equal("eipassoc-0", plan.Steps.Single(s => s.Action == TeardownAction.DisassociateAddress).Id);
            Assert.Equal("dev-nat-us-east-1", plan.Steps.Single(s => s.Action == TeardownAction.DeleteRolePolicy).Other);
        }

        [Fact]
        public void NeverTheMainTableNorTheDefaultGroup()
        {
            var plan = TeardownPlanner.Plan(Whole());

            Assert.DoesNotContain(plan.Steps, s => s.Id == "rtb-main");
            Assert.DoesNotContain(plan.Steps, s => s.Id == "sg-default");
        }

        [Fact]
        public void AMainTableTaggedAsHaNatsIsStillLeftToTheVpc()
        {
            var inventory = Whole();
            var main = inventory.RouteTables.Single(t => t.Id == "rtb-main");
            inventory.RouteTables.Remove(main);
            inventory.RouteTables.Add(new FoundRouteTable("rtb-main", VpcId, true, new[] { ("rtbassoc-main", "") }, Tags(LayoutComponents.PrivateRouteTable, "us-east-1a")));

            var plan = TeardownPlanner.Plan(inventory);

            Assert.DoesNotContain(plan.Steps, s => s.Id == "rtb-main");
            Assert.Empty(plan.Blockers);
        }

        [Fact]
        public void TheTakeoversOwnTableIsHaNats()
        {
            // The takeover tags a table it makes with hanat:managed and a zone, but no VPC name.
            var inventory = Whole();
            inventory.RouteTables.Add(new FoundRouteTable("rtb-takeover", VpcId, false, new[] { ("rtbassoc-t", "subnet-priv-0") },
                new Dictionary<string, string> { [HaNatTags.Managed] = "true", [HaNatTags.Zone] = "us-east-1a", [HaNatTags.Component] = "private-route-table" }));

            var plan = TeardownPlanner.Plan(inventory);

            Assert.Empty(plan.Blockers);
            Assert.Contains(plan.Steps, s => s.Action == TeardownAction.DeleteRouteTable && s.Id == "rtb-takeover");
        }

        public static IEnumerable<object[]> Foreign()
        {
            yield return new object[] { "subnet", (System.Action<VpcInventory>)(i => i.Subnets.Add(new FoundSubnet("subnet-theirs", VpcId, "us-east-1a", "10.20.96.0/20", null))), "subnet-theirs" };
            yield return new object[] { "instance", (System.Action<VpcInventory>)(i => i.Instances.Add(new FoundInstance("i-theirs", "stopped", null))), "i-theirs" };
            yield return new object[] { "interface", (System.Action<VpcInventory>)(i => i.NetworkInterfaces.Add(new FoundInterface("eni-theirs", null, "vpc_endpoint", "VPC Endpoint Interface", null))), "eni-theirs" };
            yield return new object[] { "security group", (System.Action<VpcInventory>)(i => i.SecurityGroups.Add(new FoundSecurityGroup("sg-theirs", "web", VpcId, null))), "sg-theirs" };
            yield return new object[] { "route table", (System.Action<VpcInventory>)(i => i.RouteTables.Add(new FoundRouteTable("rtb-theirs", VpcId, false, new (string, string)[0], null))), "rtb-theirs" };
            yield return new object[] { "gateway", (System.Action<VpcInventory>)(i => i.InternetGateways.Add(new FoundInternetGateway("igw-theirs", new[] { VpcId }, null))), "igw-theirs" };
            yield return new object[] { "peering", (System.Action<VpcInventory>)(i => i.Peerings.Add(new FoundPeering("pcx-1", "active", VpcId, "vpc-peer", null))), "pcx-1" };
            yield return new object[] { "another VPC's subnet tags", (System.Action<VpcInventory>)(i => i.Subnets.Add(new FoundSubnet("subnet-other", VpcId, "us-east-1a", "10.20.96.0/20", Tags(LayoutComponents.PublicSubnet, "us-east-1a", name: "other")))), "subnet-other" };
        }

        [Theory]
        [MemberData(nameof(Foreign))]
        public void WhatHaNatDidNotMakeBlocksTheRemoval(string kind, object addArgument, string id)
        {
            // xunit passes the case as object: the type is internal, and a public test method cannot name it.
            var add = (System.Action<VpcInventory>)addArgument;
            var inventory = Whole();
            add(inventory);

            var plan = TeardownPlanner.Plan(inventory);

            Assert.True(plan.Blockers.Any(b => b.Contains(id)), $"a foreign {kind} blocks the removal");
            Assert.DoesNotContain(plan.Steps, s => s.Id == id);
            var refusal = TeardownPlanner.Refusal(plan);
            Assert.Equal("ForeignResourcesInVpc", refusal.ErrorId);
            Assert.Contains(id, refusal.Message);
        }

        [Fact]
        public void AHaNatPeeringIsDisconnectedBeforeTheVpcGoesAndBlocksNothing()
        {
            var inventory = Whole();
            inventory.Peerings.Add(new FoundPeering("pcx-2", "active", "vpc-peer", VpcId, new Dictionary<string, string> { [HaNatTags.Managed] = "true" },
                requesterRegion: "eu-west-1", accepterRegion: "us-east-1"));

            var plan = TeardownPlanner.Plan(inventory);

            Assert.Empty(plan.Blockers);
            var step = Assert.Single(plan.Steps, s => s.Action == TeardownAction.DisconnectPeering);
            Assert.Equal("pcx-2", step.Id);
            Assert.Equal("vpc-peer", step.Other);
            Assert.Equal("eu-west-1", step.OtherRegion);
            Assert.Equal(VpcId, step.VpcId);
            Assert.True(plan.Steps.ToList().IndexOf(step) < plan.Steps.ToList().FindIndex(s => s.Action == TeardownAction.DeleteVpc));
        }

        [Fact]
        public void TheNatsAndTheirInterfacesDoNotBlock()
        {
            var inventory = Whole();
            // An instance the group launched but no longer lists (being replaced), tagged by Auto Scaling.
            inventory.Instances.Add(new FoundInstance("i-nat-c", "pending", new Dictionary<string, string> { ["aws:autoscaling:groupName"] = "dev-nat-asg" }));
            inventory.NetworkInterfaces.Add(new FoundInterface("eni-c", "i-nat-c", "interface", null, null));

            Assert.Empty(TeardownPlanner.Plan(inventory).Blockers);
        }

        [Fact]
        public void AnInstanceOfAGroupThatIsNotHaNatsBlocks()
        {
            var inventory = Whole();
            inventory.Group = new FoundGroup("dev-nat-asg", new[] { "i-nat-a", "i-nat-b" }, null, null, new Dictionary<string, string>());

            var plan = TeardownPlanner.Plan(inventory);

            Assert.Contains(plan.Blockers, b => b.Contains("i-nat-a"));
            Assert.Contains(plan.LeftAlone, l => l.Contains("dev-nat-asg"));
            Assert.DoesNotContain(plan.Steps, s => s.Action == TeardownAction.DeleteAutoScalingGroup);
        }

        [Fact]
        public void IamOutsideHanatPathOrUntaggedIsLeftAlone()
        {
            var inventory = Whole();
            inventory.Role = new FoundIamEntity("dev-nat-us-east-1", "/", new[] { "theirs" }, Tags(LayoutComponents.NatRole));
            inventory.InstanceProfile = new FoundIamEntity("dev-nat-us-east-1", "/hanat/", new string[0], new Dictionary<string, string>());

            var plan = TeardownPlanner.Plan(inventory);

            Assert.DoesNotContain(plan.Steps, s => s.Action == TeardownAction.DeleteRole || s.Action == TeardownAction.DeleteRolePolicy);
            Assert.DoesNotContain(plan.Steps, s => s.Action == TeardownAction.DeleteInstanceProfile);
            Assert.Equal(2, plan.LeftAlone.Count(l => l.StartsWith("IAM")));
        }

        [Fact]
        public void AnAddressTaggedForAnotherVpcIsLeftAlone()
        {
            var inventory = Whole();
            inventory.Addresses.Add(new FoundAddress("eipalloc-other", "203.0.113.9", null, Tags(LayoutComponents.ElasticIp, "us-east-1a", vpcId: "vpc-other")));

            var plan = TeardownPlanner.Plan(inventory);

            Assert.DoesNotContain(plan.Steps, s => s.Id == "eipalloc-other");
            Assert.Contains(plan.LeftAlone, l => l.Contains("eipalloc-other"));
        }

        [Fact]
        public void WithTheVpcGoneOnlyTheLeftoversFoundByNameAreRemoved()
        {
            var plan = TeardownPlanner.Plan(Whole(withVpc: false));

            Assert.Null(plan.VpcId);
            Assert.Empty(plan.Blockers);
            Assert.DoesNotContain(plan.Steps, s => s.Action == TeardownAction.DeleteVpc || s.Action == TeardownAction.DeleteSubnet);
            Assert.Contains(plan.Steps, s => s.Action == TeardownAction.DeleteInternetGateway && s.Id == "igw-1");
            Assert.DoesNotContain(plan.Steps, s => s.Action == TeardownAction.DetachInternetGateway);
            Assert.Contains(plan.Steps, s => s.Action == TeardownAction.DeleteRole);
            Assert.Equal(2, plan.Steps.Count(s => s.Action == TeardownAction.ReleaseAddress));
        }

        [Fact]
        public void StepsReadAsSentences()
        {
            var step = new TeardownStep(TeardownAction.DeleteAutoScalingGroup, "dev-nat-asg", "dev-nat-asg (and wait)");

            Assert.Equal("Delete auto scaling group", step.Description);
            Assert.Equal("Delete auto scaling group: dev-nat-asg (and wait)", step.ToString());
        }
    }
}
