using System.Collections.Concurrent;

namespace HaNat.Aws
{
    /// <summary>
    /// Collects one line per AWS call. Calls may complete on pool threads, where PowerShell forbids WriteVerbose,
    /// so the cmdlet drains this queue on its own thread. It also counts calls for benchmarks and tests.
    /// </summary>
    internal sealed class AwsCallLog
    {
        private readonly ConcurrentQueue<string> _pending = new ConcurrentQueue<string>();
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Record(string line)
        {
            Interlocked.Increment(ref _count);
            _pending.Enqueue(line);
        }

        /// <summary>Adds a line that is not an AWS call (for example a host command) without counting it.</summary>
        public void Note(string line) => _pending.Enqueue(line);

        public IEnumerable<string> Drain()
        {
            while (_pending.TryDequeue(out var line)) yield return line;
        }
    }
}
