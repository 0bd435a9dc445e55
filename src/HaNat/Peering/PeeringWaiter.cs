using System.Diagnostics;

namespace HaNat.Peering
{
    /// <summary>
    /// Polls one peering connection until it reaches a state, for a bounded time. It runs on the caller's thread
    /// (so progress can be written from it) and gives up at once on a state that can never lead there.
    /// </summary>
    internal sealed class PeeringWaiter
    {
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);
        private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(250);
        private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(5);

        private readonly Func<string, Task<PeeringConnectionInfo?>> _describe;
        private readonly TimeSpan _timeout;
        private readonly Action<TimeSpan> _sleep;
        private readonly Func<TimeSpan> _elapsed;

        /// <param name="describe">reads the connection by id; null while EC2 does not know it yet.</param>
        /// <param name="sleep">pauses between reads (tests pass a fake clock's advance).</param>
        /// <param name="elapsed">time since the wait began; a new stopwatch is started for each wait when null.</param>
        public PeeringWaiter(Func<string, Task<PeeringConnectionInfo?>> describe, TimeSpan timeout, Action<TimeSpan> sleep, Func<TimeSpan>? elapsed = null)
        {
            _describe = describe;
            _timeout = timeout;
            _sleep = sleep;
            _elapsed = elapsed ?? StopwatchElapsed();
        }

        /// <summary>The waiter Connect-HaNatVpc uses: real time, and pauses that Ctrl+C ends.</summary>
        internal static PeeringWaiter For(PeeringEndpoint endpoint, TimeSpan timeout, CancellationToken cancellation) =>
            new PeeringWaiter(endpoint.Reader.DescribePeeringConnectionAsync, timeout,
                pause => Task.Delay(pause, cancellation).GetAwaiter().GetResult());

        /// <summary>Waits until <paramref name="reached"/> holds for the connection's state, and returns what was last seen.</summary>
        /// <param name="goal">the state in words, for messages ("active").</param>
        /// <param name="progress">told each state seen.</param>
        public PeeringConnectionInfo Wait(string id, Func<string, bool> reached, string goal, Action<string> progress)
        {
            var started = _elapsed();
            var pause = FirstPause;
            string? last = null;
            while (true)
            {
                var seen = _describe(id).GetAwaiter().GetResult();
                if (seen != null)
                {
                    last = seen.Status;
                    if (reached(seen.Status)) return seen;
                    if (PeeringStatus.IsDead(seen.Status))
                    {
                        throw new HaNatException("PeeringFailed", HaNatErrorKind.InvalidOperation,
                            $"Peering connection {id} is {seen.Status}, so it will never be {goal}. " +
                            "Check the peer's owner and region, then run Connect-HaNatVpc again to make a new one.")
                        { Target = id };
                    }
                }
                progress($"{id} is {last ?? "not visible yet"}; waiting until it is {goal}");
                if (_elapsed() - started + pause > _timeout)
                {
                    throw new HaNatException("PeeringTimeout", HaNatErrorKind.InvalidOperation,
                        $"Peering connection {id} was still {last ?? "not visible"} after {_timeout.TotalSeconds:0} s, not {goal}. " +
                        "Nothing is lost: run Connect-HaNatVpc again to pick it up where it is, or Disconnect-HaNatVpc to remove it.")
                    { Target = id };
                }
                _sleep(pause);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
            }
        }

        private static Func<TimeSpan> StopwatchElapsed()
        {
            var clock = Stopwatch.StartNew();
            return () => clock.Elapsed;
        }
    }
}
