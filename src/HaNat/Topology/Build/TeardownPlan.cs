using System.Collections.Generic;
using System.Linq;

namespace HaNat.Topology.Build
{
    /// <summary>The writes a removal makes, each one call (the group's also waits for its instances).</summary>
    internal enum TeardownAction
    {
        DeleteAutoScalingGroup,
        DeleteLaunchTemplate,
        RemoveRoleFromInstanceProfile,
        DeleteInstanceProfile,
        DeleteRolePolicy,
        DeleteRole,
        DeleteParameter,
        /// <summary>A peering HaNat made, with the routes to it in HaNat's tables on both sides (Disconnect-HaNatVpc's writes).</summary>
        DisconnectPeering,
        DisassociateAddress,
        ReleaseAddress,
        DisassociateRouteTable,
        DeleteRouteTable,
        DeleteSubnet,
        DetachInternetGateway,
        DeleteInternetGateway,
        DeleteSecurityGroup,
        DeleteVpc,
    }

    /// <summary>One write of a removal: the call, what it acts on (<see cref="Id"/>, and <see cref="Other"/> for calls that name two things).</summary>
    internal sealed class TeardownStep
    {
        public TeardownStep(TeardownAction action, string id, string target, string? other = null, string? otherRegion = null, string? vpcId = null)
        {
            OtherRegion = otherRegion;
            VpcId = vpcId;
            Action = action;
            Id = id;
            Target = target;
            Other = other;
        }

        public TeardownAction Action { get; }

        /// <summary>The group, template, profile, role, parameter or association name or id the call takes.</summary>
        public string Id { get; }

        /// <summary>The second name a call takes: the role for RemoveRoleFromInstanceProfile and DeleteRolePolicy, the VPC for a detach, the peer VPC for a peering.</summary>
        public string? Other { get; }

        /// <summary>The region of <see cref="Other"/> when it is a peer VPC (DisconnectPeering).</summary>
        public string? OtherRegion { get; }

        /// <summary>The VPC being removed, for a step that reads it again (DisconnectPeering).</summary>
        public string? VpcId { get; }

        /// <summary>What a person reads in -WhatIf and Write-Progress.</summary>
        public string Target { get; }

        public string Description => Split(Action.ToString());

        public override string ToString() => Description + ": " + Target;

        // DeleteAutoScalingGroup -> "Delete auto scaling group"
        private static string Split(string pascal)
        {
            var words = new List<string>();
            var start = 0;
            for (var i = 1; i <= pascal.Length; i++)
            {
                if (i == pascal.Length || char.IsUpper(pascal[i]))
                {
                    words.Add(words.Count == 0 ? pascal.Substring(start, i - start) : pascal.Substring(start, i - start).ToLowerInvariant());
                    start = i;
                }
            }
            return string.Join(" ", words);
        }
    }

    /// <summary>
    /// A removal, planned from an inventory: the steps in dependency order, what blocks it (resources in the VPC that
    /// HaNat did not make), and what carries a HaNat name but not HaNat's tags and is left alone.
    /// </summary>
    internal sealed class TeardownPlan
    {
        public TeardownPlan(string name, string? vpcId, IEnumerable<TeardownStep> steps, IEnumerable<string> blockers, IEnumerable<string> leftAlone)
        {
            Name = name;
            VpcId = vpcId;
            Steps = steps.ToArray();
            Blockers = blockers.ToArray();
            LeftAlone = leftAlone.ToArray();
        }

        public string Name { get; }
        public string? VpcId { get; }
        public IReadOnlyList<TeardownStep> Steps { get; }

        /// <summary>Non-empty: the removal must not start (see <see cref="TeardownPlanner.Refusal"/>).</summary>
        public IReadOnlyList<string> Blockers { get; }

        public IReadOnlyList<string> LeftAlone { get; }
    }
}
