using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace HaNat.Monitor
{
    /// <summary>
    /// The heartbeats' UDP socket, bound to 0.0.0.0:port. A thread of its own receives and stamps each datagram with
    /// its arrival time, so that how long a peer has been silent does not depend on when the loop gets to look.
    /// </summary>
    internal sealed class HeartbeatTransport : IDisposable
    {
        private const int MaxQueued = 4096;
        private readonly Socket _socket;
        private readonly Stopwatch _clock;
        private readonly ConcurrentQueue<ReceivedDatagram> _received = new ConcurrentQueue<ReceivedDatagram>();
        private readonly Thread _receiver;
        private volatile bool _closed;
        private int _overflow;

        public HeartbeatTransport(int port, Stopwatch clock)
        {
            _clock = clock;
            _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            // No SO_REUSEADDR: a second monitor on the same port must fail to bind, not silently share the beats.
            _socket.Bind(new IPEndPoint(IPAddress.Any, port));
            _socket.ReceiveTimeout = 250;
            _receiver = new Thread(Receive) { IsBackground = true, Name = "hanat-heartbeat-receiver" };
            _receiver.Start();
        }

        public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

        /// <summary>Datagrams dropped because the loop fell behind (a flood); read and reset.</summary>
        public int TakeOverflow() => Interlocked.Exchange(ref _overflow, 0);

        public IEnumerable<ReceivedDatagram> Drain()
        {
            while (_received.TryDequeue(out var datagram)) yield return datagram;
        }

        /// <summary>Sends one datagram to each address; returns the addresses it could not send to (no route, down link).</summary>
        public IReadOnlyList<string> Send(byte[] datagram, IEnumerable<string> addresses, int port)
        {
            var failed = new List<string>();
            foreach (var address in addresses)
            {
                try
                {
                    if (!IPAddress.TryParse(address, out var ip)) { failed.Add(address); continue; }
                    _socket.SendTo(datagram, new IPEndPoint(ip, port));
                }
                catch (SocketException)
                {
                    failed.Add(address);
                }
            }
            return failed;
        }

        private void Receive()
        {
            var buffer = new byte[2048];
            while (!_closed)
            {
                EndPoint from = new IPEndPoint(IPAddress.Any, 0);
                int length;
                try
                {
                    length = _socket.ReceiveFrom(buffer, ref from);
                }
                catch (SocketException)
                {
                    continue; // the receive timeout, or an ICMP error from an earlier send: keep listening
                }
                catch (ObjectDisposedException)
                {
                    return;
                }
                if (_received.Count >= MaxQueued)
                {
                    Interlocked.Increment(ref _overflow);
                    continue;
                }
                var data = new byte[length];
                Buffer.BlockCopy(buffer, 0, data, 0, length);
                _received.Enqueue(new ReceivedDatagram(data, ((IPEndPoint)from).Address.ToString(), _clock.Elapsed.TotalSeconds));
            }
        }

        public void Dispose()
        {
            _closed = true;
            _socket.Dispose();
            _receiver.Join(TimeSpan.FromSeconds(1));
        }
    }
}
