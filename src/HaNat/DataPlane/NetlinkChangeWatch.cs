using System.Runtime.InteropServices;
using HaNat.HostNat;
using static HaNat.HostNat.NetlinkNative;

namespace HaNat.DataPlane
{
    /// <summary>
    /// Tells whether the kernel announced a change since the last look, from a netlink socket that joined some
    /// multicast groups: nftables' (every rule, chain or policy change made through iptables-nft or nft raises one),
    /// or rtnetlink's links and addresses. The socket is non-blocking and read only when asked, so it needs no thread
    /// of its own and costs one system call per look. It never says what changed: the caller reads the state again,
    /// which keeps the one reading path (and its tests) the only source of facts.
    ///
    /// Opening fails off Linux, without CAP_NET_ADMIN, or in a kernel without the group: <see cref="TryOpen"/> then
    /// returns null and the caller reads every time, as if every look were a change.
    /// </summary>
    internal sealed class NetlinkChangeWatch : IDisposable
    {
        public const int NetlinkRoute = NetlinkNative.NetlinkRoute;
        public const int NetlinkNetfilter = NetlinkNative.NetlinkNetfilter;
        /// <summary>NFNLGRP_NFTABLES: every nf_tables transaction (iptables-nft's rule and policy changes included).</summary>
        public const int NftablesGroup = 7;
        /// <summary>RTNLGRP_LINK and RTNLGRP_IPV4_IFADDR: an interface's state, an IPv4 address added or removed.</summary>
        public const int LinkGroup = 1;
        public const int Ipv4AddressGroup = 5;

        private const int SolNetlink = 270;
        private const int NetlinkAddMembership = 1;
        private const int MsgDontWait = 0x40;

        private readonly byte[] _buffer = new byte[8192];
        private int _fd;

        private NetlinkChangeWatch(int fd)
        {
            _fd = fd;
        }

        /// <summary>A watch of the protocol's groups, or null when the socket cannot be opened or join them.</summary>
        public static NetlinkChangeWatch? TryOpen(int protocol, params int[] groups)
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return null;
            int fd;
            try
            {
                fd = socket(AfNetlink, SockRaw | SockNonBlock | SockCloexec, protocol);
            }
            catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException)
            {
                return null;
            }
            if (fd < 0) return null;
            var address = new SockaddrNl { Family = AfNetlink };
            var ok = bind(fd, ref address, Marshal.SizeOf<SockaddrNl>()) == 0;
            foreach (var group in groups)
            {
                var value = group;
                ok = ok && setsockopt(fd, SolNetlink, NetlinkAddMembership, ref value, sizeof(int)) == 0;
            }
            if (ok) return new NetlinkChangeWatch(fd);
            close(fd);
            return null;
        }

        /// <summary>
        /// Whether anything was announced since the last call; reads every queued message. A queue that overflowed
        /// (ENOBUFS: messages were lost) counts as a change, and so does a socket that fails: the caller then reads.
        /// </summary>
        public bool TakeChanged()
        {
            if (_fd < 0) return true;
            var changed = false;
            while (true)
            {
                var n = (long)recv(_fd, _buffer, (UIntPtr)_buffer.Length, MsgDontWait);
                if (n > 0)
                {
                    changed = true;
                    continue;
                }
                if (n == 0) return changed;
                var errno = Marshal.GetLastWin32Error();
                if (errno == EIntr) continue;
                return changed || errno != EAgain; // EAGAIN: nothing more queued; ENOBUFS or anything else: read again
            }
        }

        public void Dispose()
        {
            if (_fd < 0) return;
            close(_fd);
            _fd = -1;
        }
    }
}
