namespace HaNat.Monitor
{
    /// <summary>A departure asked for from outside the loop (SIGTERM, on a signal thread); the loop reads it every step.</summary>
    internal sealed class DepartureRequest
    {
        private int _trigger;

        public DepartureTrigger Trigger => (DepartureTrigger)Volatile.Read(ref _trigger);

        /// <summary>The first request wins; later ones (a second SIGTERM) change nothing.</summary>
        public void Request(DepartureTrigger trigger) => Interlocked.CompareExchange(ref _trigger, (int)trigger, (int)DepartureTrigger.None);
    }
}
