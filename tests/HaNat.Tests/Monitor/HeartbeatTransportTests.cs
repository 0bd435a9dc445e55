using System;
using System.Diagnostics;
using System.Linq;
using System.Net.Sockets;
using System.Threading;
using HaNat.Monitor;
using Xunit;

namespace HaNat.Tests.Monitor
{
    public class HeartbeatTransportTests
    {
        [Fact]
        public void ReceivesWhatItSendsWithTheSenderAndArrivalTime()
        {
            var clock = Stopwatch.StartNew();
            using var transport = new HeartbeatTransport(0, clock);
            var failed = transport.Send(new byte[] { 1, 2, 3 }, new[] { "127.0.0.1", "not-an-address" }, transport.Port);
            Assert.Equal(new[] { "not-an-address" }, failed);

            ReceivedDatagram? received = null;
            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (received == null && DateTime.UtcNow < deadline)
            {
                received = transport.Drain().FirstOrDefault();
                if (received == null) Thread.Sleep(20);
            }
            Assert.NotNull(received);
            Assert.Equal(new byte[] { 1, 2, 3 }, received!.Data);
            Assert.Equal("127.0.0.1", received.Source);
            Assert.InRange(received.ReceivedAt, 0, clock.Elapsed.TotalSeconds);
        }

        [Fact]
        public void ASecondMonitorOnTheSamePortFailsToBind()
        {
            using var first = new HeartbeatTransport(0, Stopwatch.StartNew());
            Assert.Throws<SocketException>(() => new HeartbeatTransport(first.Port, Stopwatch.StartNew()));
        }
    }
}
