namespace HaNat.Removal
{
    /// <summary>One write of a removal: the call, what it acts on (<see cref="Id"/>, and <see cref="Other"/> for calls that name two things).</summary>
    internal sealed class TeardownStep
    {
        public TeardownStep(TeardownAction action, string id, string target, string? other = null, string? otherRegion = null, string? vpcId = null,
            IEnumerable<KeyValuePair<string, string>>? tags = null)
        {
            Tags = (tags ?? Array.Empty<KeyValuePair<string, string>>()).ToArray();
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

        /// <summary>The tags DeleteTags takes off, each by key and value (so a value someone else set since stays).</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Tags { get; }

        /// <summary>
        /// The second name a call takes: the role for RemoveRoleFromInstanceProfile and DeleteRolePolicy, the VPC for a
        /// detach, the peer VPC for a peering, the target a default route goes back to.
        /// </summary>
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
}
