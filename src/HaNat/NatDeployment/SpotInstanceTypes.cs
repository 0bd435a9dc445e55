namespace HaNat.NatDeployment
{
    /// <summary>
    /// Which instance types a spot group may launch besides the one the user chose. Every (type, zone) pair is a
    /// spot capacity pool of its own, reclaimed on its own; a group that may use several pools is interrupted less
    /// and finds capacity more often. The peers are of the chosen type's architecture (the image runs only on that)
    /// and of similar size: the same size in sibling families (t3 and t3a; c6g and c7g), then, while fewer than
    /// <see cref="MaxPeers"/> are found, the next sizes up. A type of a family HaNat does not know has no peers: the
    /// group then draws on that one type's pool in each zone.
    /// </summary>
    internal static class SpotInstanceTypes
    {
        /// <summary>At most this many types beside the chosen one: enough pools to choose from, few enough to read.</summary>
        public const int MaxPeers = 3;

        // Families that can stand in for each other, one architecture per line, in order of preference. Only
        // families offered in most regions, so that a peer seldom is one the region lacks (Auto Scaling skips a
        // type a zone does not offer, but refuses one the region does not know).
        private static readonly string[][] Siblings =
        {
            new[] { "t4g" },
            new[] { "t3", "t3a" },
            new[] { "c6gn", "c7gn", "c6g", "c7g", "m6g", "m7g" },
            new[] { "c5n", "c6in", "c6i", "c5", "m6i", "m5" },
        };

        // The sizes of those families, smallest first (no family has all of them; a missing pair is skipped).
        private static readonly string[] Sizes = { "nano", "micro", "small", "medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge" };

        // The sizes each family offers (the burstable ones start at nano; the others at medium, or large for x86).
        private static readonly Dictionary<string, string> SmallestSize = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["t4g"] = "nano", ["t3"] = "nano", ["t3a"] = "nano",
            ["c6gn"] = "medium", ["c7gn"] = "medium", ["c6g"] = "medium", ["c7g"] = "medium", ["m6g"] = "medium", ["m7g"] = "medium",
            ["c5n"] = "large", ["c6in"] = "large", ["c6i"] = "large", ["c5"] = "large", ["m6i"] = "large", ["m5"] = "large",
        };

        // Burstable families stop at 2xlarge.
        private static readonly HashSet<string> Burstable = new HashSet<string>(StringComparer.Ordinal) { "t4g", "t3", "t3a" };

        /// <summary>
        /// The group's launch template overrides, in priority order: <paramref name="instanceType"/> first (the
        /// on-demand NAT launches it), then up to <see cref="MaxPeers"/> peers. Never empty.
        /// </summary>
        public static IReadOnlyList<string> Overrides(string instanceType)
        {
            var types = new List<string> { instanceType };
            var (family, size) = Split(instanceType);
            var siblings = Siblings.FirstOrDefault(s => s.Contains(family, StringComparer.Ordinal));
            var sizeIndex = Array.IndexOf(Sizes, size);
            if (siblings == null || sizeIndex < 0) return types;

            var families = new[] { family }.Concat(siblings.Where(f => f != family)).ToList();
            // Same size first (sibling families), then one size up, then two, each across the families in order.
            for (var step = 0; step <= 2 && types.Count <= MaxPeers; step++)
            {
                var candidateSize = sizeIndex + step < Sizes.Length ? Sizes[sizeIndex + step] : null;
                if (candidateSize == null) break;
                foreach (var candidateFamily in families)
                {
                    if (types.Count > MaxPeers) break;
                    if (!Offers(candidateFamily, candidateSize)) continue;
                    var candidate = candidateFamily + "." + candidateSize;
                    if (!types.Contains(candidate, StringComparer.Ordinal)) types.Add(candidate);
                }
            }
            return types;
        }

        private static bool Offers(string family, string size)
        {
            var index = Array.IndexOf(Sizes, size);
            if (index < Array.IndexOf(Sizes, SmallestSize[family])) return false;
            return !Burstable.Contains(family) || index <= Array.IndexOf(Sizes, "2xlarge");
        }

        private static (string Family, string Size) Split(string instanceType)
        {
            var dot = instanceType.IndexOf('.');
            return dot < 0 ? (instanceType, string.Empty) : (instanceType.Substring(0, dot), instanceType.Substring(dot + 1));
        }
    }
}
