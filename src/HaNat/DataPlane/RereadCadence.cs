namespace HaNat.DataPlane
{
    /// <summary>
    /// When the self-check reads a costly fact again (the ruleset through an iptables-save process, the uplink's
    /// addresses) rather than reuse the last read. Pure. Read again when: nothing watches for changes (every beat, as
    /// a NAT without nftables' notifications must); nothing was read yet, or the last read failed; the kernel
    /// announced a change since; what is read is another thing than last time (the uplink moved); or the safety
    /// period has passed since the last read (a change made where no notification comes from, such as legacy
    /// iptables beside iptables-nft, is still seen within it).
    /// </summary>
    internal static class RereadCadence
    {
        /// <summary>The longest a read is reused while the kernel announces nothing.</summary>
        public const double SafetySeconds = 30;

        public static bool ReadNow(bool watching, bool changed, double? lastReadAt, bool lastReadFailed, double now,
            double safetySeconds = SafetySeconds, bool sameSubject = true) =>
            !watching || changed || lastReadAt == null || lastReadFailed || !sameSubject ||
            now - lastReadAt.Value >= safetySeconds || now < lastReadAt.Value;
    }
}
