using HaNat.HostNat;
using Xunit;

namespace HaNat.Tests.Host
{
    public class ConntrackMessagesTests
    {
        [Fact]
        public void TheDeleteByMarkRequestIsWhatConntrackToolsSends()
        {
            // conntrack -D -f ipv4 --mark 0x100000/0xf00000, as strace shows it: nlmsghdr (len 36, type 0x102
            // IPCTNL_MSG_CT_DELETE, flags REQUEST|ACK, seq, pid 0), nfgenmsg (AF_INET, v0), CTA_MARK, CTA_MARK_MASK.
            var message = ConntrackMessages.DeleteByMark(0x00100000, 0x00f00000, 0x01020304);
            Assert.Equal(new byte[]
            {
                36, 0, 0, 0, 0x02, 0x01, 0x05, 0x00, 0x04, 0x03, 0x02, 0x01, 0, 0, 0, 0,
                2, 0, 0, 0,
                8, 0, 8, 0, 0x00, 0x10, 0x00, 0x00,
                8, 0, 21, 0, 0x00, 0xf0, 0x00, 0x00,
            }, message);
        }

        [Theory]
        [InlineData(0, 0)]
        [InlineData(-2, -2)]
        [InlineData(-1, -1)]
        public void TheAnswerCarriesTheKernelsErrorForOurSequence(int error, int expected)
        {
            var answer = Error(7, error);
            Assert.Equal(expected, ConntrackMessages.AnswerError(answer, answer.Length, 7));
        }

        [Fact]
        public void AnAnswerToAnotherRequestOrTruncatedIsNone()
        {
            var answer = Error(8, 0);
            Assert.Null(ConntrackMessages.AnswerError(answer, answer.Length, 7));
            Assert.Null(ConntrackMessages.AnswerError(answer, 12, 8));
        }

        private static byte[] Error(uint sequence, int error)
        {
            // NLMSG_ERROR (type 2): nlmsghdr, then the error (int32) and the request's header.
            var b = new byte[36];
            b[0] = 36; b[4] = 2;
            b[8] = (byte)sequence;
            var e = unchecked((uint)error);
            b[16] = (byte)e; b[17] = (byte)(e >> 8); b[18] = (byte)(e >> 16); b[19] = (byte)(e >> 24);
            return b;
        }
    }
}
