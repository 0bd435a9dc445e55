namespace HaNat.Metrics
{
    /// <summary>
    /// What the NAT's kernel counts, read at one moment (<see cref="HostCounterReader"/>): the connection-tracking table's
    /// size and limit, its error counters, and its interfaces' traffic. A value is null where the host has no such
    /// counter (no conntrack module loaded yet, an older kernel without the column).
    /// </summary>
    internal sealed record HostCounters
    {
        /// <summary>nf_conntrack_count: the entries in the table now (every protocol, every state).</summary>
        public long? ConntrackCount { get; init; }
        /// <summary>nf_conntrack_max: at this many entries, new connections are dropped.</summary>
        public long? ConntrackMax { get; init; }
        /// <summary>Entries that could not be inserted: a clash of tuples, which a NAT sees when it runs out of source ports.</summary>
        public long? InsertFailed { get; init; }
        /// <summary>Packets dropped by conntrack (table full, no memory), and entries evicted early to make room.</summary>
        public long? ConntrackDrops { get; init; }
        /// <summary>Bytes and packets received and sent by every interface but loopback, and those their drivers dropped.</summary>
        public long? BytesIn { get; init; }
        public long? BytesOut { get; init; }
        public long? InterfaceDrops { get; init; }

        /// <summary>The table's use as a percentage of its limit; null when either is unknown.</summary>
        public double? ConntrackUsedPercent =>
            ConntrackCount is long count && ConntrackMax is long max && max > 0 ? 100.0 * count / max : (double?)null;

        /// <summary>
        /// How much each counter grew since <paramref name="earlier"/>. A counter that went down was reset (an interface
        /// recreated, the module reloaded): what it counts since is its value now.
        /// </summary>
        public CounterGrowth Since(HostCounters earlier) => new CounterGrowth
        {
            InsertFailed = Grew(earlier.InsertFailed, InsertFailed),
            PacketsDropped = Sum(Grew(earlier.ConntrackDrops, ConntrackDrops), Grew(earlier.InterfaceDrops, InterfaceDrops)),
            BytesIn = Grew(earlier.BytesIn, BytesIn),
            BytesOut = Grew(earlier.BytesOut, BytesOut),
        };

        private static long? Grew(long? before, long? now) =>
            now is long n ? (before is long b && n >= b ? n - b : before.HasValue ? n : (long?)null) : null;

        private static long? Sum(long? a, long? b) => a.HasValue || b.HasValue ? (a ?? 0) + (b ?? 0) : (long?)null;
    }

    /// <summary>The growth of the kernel's counters over one publishing period; null where a counter is unknown.</summary>
    internal sealed record CounterGrowth
    {
        public long? InsertFailed { get; init; }
        public long? PacketsDropped { get; init; }
        public long? BytesIn { get; init; }
        public long? BytesOut { get; init; }
    }
}
