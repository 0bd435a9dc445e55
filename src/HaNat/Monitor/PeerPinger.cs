using System.Collections.Concurrent;
using System.Net;
using System.Net.NetworkInformation;

namespace HaNat.Monitor
{
    /// <summary>
    /// Sends ICMP echoes to peers beside the loop, one in flight per peer, so that a NAT that hears nobody can tell
    /// a peer whose host is down from one whose heartbeats alone are lost. The monitor runs as root (systemd), so
    /// .NET sends the echo from a raw socket; a ping that cannot be sent at all counts as no verdict, not as "down".
    /// </summary>
    internal sealed class PeerPinger
    {
        private readonly TimeSpan _timeout;
        private readonly ConcurrentDictionary<string, bool> _inFlight = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        private readonly ConcurrentQueue<ReachResult> _results = new ConcurrentQueue<ReachResult>();

        public PeerPinger(TimeSpan timeout)
        {
            _timeout = timeout;
        }

        /// <summary>Starts an echo to the peer unless one is in flight; its result is collected by <see cref="Drain"/>.</summary>
        public void Ping(string instanceId, string address, double now)
        {
            if (!IPAddress.TryParse(address, out var ip) || !_inFlight.TryAdd(instanceId, true)) return;
            Task.Run(async () =>
            {
                try
                {
                    using var ping = new Ping();
                    var reply = await ping.SendPingAsync(ip, (int)_timeout.TotalMilliseconds).ConfigureAwait(false);
                    _results.Enqueue(new ReachResult(instanceId, reply.Status == IPStatus.Success, now));
                }
                catch (Exception ex) when (ex is PingException || ex is InvalidOperationException || ex is PlatformNotSupportedException)
                {
                    // No verdict: the policy then keeps waiting, which is the safe side for a NAT that hears nobody.
                }
                finally
                {
                    _inFlight.TryRemove(instanceId, out _);
                }
            });
        }

        public IEnumerable<ReachResult> Drain()
        {
            while (_results.TryDequeue(out var result)) yield return result;
        }
    }
}
