using System.Runtime.InteropServices;
using static HaNat.HostNat.NetlinkNative;

namespace HaNat.HostNat
{
    /// <summary>
    /// Deletes the conntrack entries of a mark through ctnetlink (<see cref="ConntrackMessages"/>), with no tool to
    /// install: one netlink socket, one request, its answer. Needs Linux and CAP_NET_ADMIN in the host's network namespace.
    /// </summary>
    internal static class ConntrackFlush
    {
        private const int SolSocket = 1;
        private const int SoRcvtimeo = 20;

        /// <summary>
        /// Deletes every IPv4 entry whose mark, masked by <paramref name="mask"/>, is <paramref name="mark"/>; true when
        /// some were, false when none matched. A HaNatException (RelayConntrackFlushFailed) when the kernel refused or
        /// did not answer within two seconds.
        /// </summary>
        public static bool DeleteByMark(uint mark, uint mask)
        {
            var fd = socket(AfNetlink, SockRaw | SockCloexec, NetlinkNetfilter);
            if (fd < 0) throw Failed(mark, mask, $"socket(AF_NETLINK, NETLINK_NETFILTER): errno {Marshal.GetLastWin32Error()}");
            try
            {
                var timeout = new Timeval { Seconds = 2 };
                setsockoptTimeval(fd, SolSocket, SoRcvtimeo, ref timeout, Marshal.SizeOf<Timeval>());
                var sequence = (uint)Environment.TickCount;
                var request = ConntrackMessages.DeleteByMark(mark, mask, sequence);
                var address = new SockaddrNl { Family = AfNetlink };
                if ((long)sendto(fd, request, (UIntPtr)request.Length, 0, ref address, Marshal.SizeOf<SockaddrNl>()) != request.Length)
                    throw Failed(mark, mask, $"sendto: errno {Marshal.GetLastWin32Error()}");
                var answer = new byte[4096];
                while (true)
                {
                    var n = (long)recv(fd, answer, (UIntPtr)answer.Length, 0);
                    if (n < 0 && Marshal.GetLastWin32Error() == EIntr) continue;
                    if (n <= 0) throw Failed(mark, mask, $"no answer from the kernel (errno {Marshal.GetLastWin32Error()})");
                    var error = ConntrackMessages.AnswerError(answer, (int)n, sequence);
                    if (error == null) continue;
                    if (error == 0) return true;
                    if (error == -ConntrackMessages.ENoEnt) return false;
                    throw Failed(mark, mask, $"the kernel answered errno {-error}");
                }
            }
            finally
            {
                close(fd);
            }
        }

        private static HaNatException Failed(uint mark, uint mask, string why) =>
            new HaNatException("RelayConntrackFlushFailed", HaNatErrorKind.InvalidOperation,
                $"Could not delete the conntrack entries of mark 0x{mark:x}/0x{mask:x}: {why}.");
    }
}
