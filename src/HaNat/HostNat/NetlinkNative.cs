using System.Runtime.InteropServices;

namespace HaNat.HostNat
{
    /// <summary>
    /// The libc calls and constants of a netlink socket, for the two places that speak netlink without a tool: the
    /// data-plane watch (<see cref="DataPlane.NetlinkChangeWatch"/>) and the relay's conntrack clean-up
    /// (<see cref="ConntrackFlush"/>). Linux only; the callers check.
    /// </summary>
    internal static class NetlinkNative
    {
        public const int AfNetlink = 16;
        public const int SockRaw = 3;
        public const int SockNonBlock = 0x800;
        public const int SockCloexec = 0x80000;
        public const int NetlinkRoute = 0;
        public const int NetlinkNetfilter = 12;
        public const int EAgain = 11;
        public const int EIntr = 4;

        /// <summary>struct sockaddr_nl: the kernel is pid 0.</summary>
        [StructLayout(LayoutKind.Sequential)]
        public struct SockaddrNl
        {
            public ushort Family;
            public ushort Pad;
            public uint Pid;
            public uint Groups;
        }

        /// <summary>struct timeval of a 64-bit Linux.</summary>
        [StructLayout(LayoutKind.Sequential)]
        public struct Timeval
        {
            public long Seconds;
            public long Microseconds;
        }

        [DllImport("libc", SetLastError = true)]
        public static extern int socket(int domain, int type, int protocol);

        [DllImport("libc", SetLastError = true)]
        public static extern int bind(int fd, ref SockaddrNl address, int length);

        [DllImport("libc", SetLastError = true)]
        public static extern int setsockopt(int fd, int level, int name, ref int value, int length);

        [DllImport("libc", SetLastError = true, EntryPoint = "setsockopt")]
        public static extern int setsockoptTimeval(int fd, int level, int name, ref Timeval value, int length);

        [DllImport("libc", SetLastError = true)]
        public static extern IntPtr sendto(int fd, byte[] buffer, UIntPtr length, int flags, ref SockaddrNl address, int addressLength);

        [DllImport("libc", SetLastError = true)]
        public static extern IntPtr recv(int fd, byte[] buffer, UIntPtr length, int flags);

        [DllImport("libc", SetLastError = true)]
        public static extern int close(int fd);
    }
}
