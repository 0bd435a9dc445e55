using System.Buffers.Binary;

namespace HaNat.HostNat
{
    /// <summary>
    /// The two ctnetlink messages <see cref="ConntrackFlush"/> exchanges with the kernel, built and read with no I/O:
    /// IPCTNL_MSG_CT_DELETE with no tuple but a mark and a mask deletes every IPv4 conntrack entry whose mark, masked,
    /// equals the mark (what `conntrack -D -f ipv4 --mark M/MASK` sends); the kernel answers with NLMSG_ERROR, whose error
    /// is 0 on success, -ENOENT when nothing matched, else -errno.
    /// </summary>
    internal static class ConntrackMessages
    {
        /// <summary>NFNL_SUBSYS_CTNETLINK &lt;&lt; 8 | IPCTNL_MSG_CT_DELETE.</summary>
        public const ushort DeleteType = (1 << 8) | 2;
        private const ushort NlmFRequest = 1;
        private const ushort NlmFAck = 4;
        private const ushort NlmsgError = 2;
        private const byte AfInet = 2;
        private const ushort CtaMark = 8;
        private const ushort CtaMarkMask = 21;
        public const int ENoEnt = 2;

        /// <summary>The delete-by-mark request: nlmsghdr, nfgenmsg (AF_INET, version 0), CTA_MARK and CTA_MARK_MASK (big-endian).</summary>
        public static byte[] DeleteByMark(uint mark, uint mask, uint sequence)
        {
            var message = new byte[16 + 4 + 8 + 8];
            WriteHost32(message, 0, (uint)message.Length);
            WriteHost16(message, 4, DeleteType);
            WriteHost16(message, 6, NlmFRequest | NlmFAck);
            WriteHost32(message, 8, sequence);
            WriteHost32(message, 12, 0);
            message[16] = AfInet;
            message[17] = 0;
            Attribute(message, 20, CtaMark, mark);
            Attribute(message, 28, CtaMarkMask, mask);
            return message;
        }

        /// <summary>
        /// The error an answer to <paramref name="sequence"/> carries (0: done), or null when the bytes hold no NLMSG_ERROR
        /// for it.
        /// </summary>
        public static int? AnswerError(byte[] answer, int length, uint sequence)
        {
            var at = 0;
            while (at + 16 <= length)
            {
                var size = (int)ReadHost32(answer, at);
                if (size < 16 || at + size > length) return null;
                var type = ReadHost16(answer, at + 4);
                if (type == NlmsgError && size >= 20 && ReadHost32(answer, at + 8) == sequence)
                {
                    return unchecked((int)ReadHost32(answer, at + 16));
                }
                at += (size + 3) & ~3;
            }
            return null;
        }

        private static void Attribute(byte[] message, int at, ushort type, uint value)
        {
            WriteHost16(message, at, 8);
            WriteHost16(message, at + 2, type);
            // An attribute's value is in network byte order.
            BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(at + 4), value);
        }

        // Netlink headers are in the host's byte order; every Linux that runs HaNat (x86_64, arm64) is little-endian.
        private static void WriteHost16(byte[] b, int at, ushort v) => BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(at), v);

        private static void WriteHost32(byte[] b, int at, uint v) => BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(at), v);

        private static ushort ReadHost16(byte[] b, int at) => BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(at));

        private static uint ReadHost32(byte[] b, int at) => BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at));
    }
}
