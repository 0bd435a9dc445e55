namespace HaNat.Monitor
{
    /// <summary>A datagram as it arrived: its bytes, its sender, and when (seconds on the monitor's clock).</summary>
    internal sealed class ReceivedDatagram
    {
        public ReceivedDatagram(byte[] data, string source, double receivedAt)
        {
            Data = data;
            Source = source;
            ReceivedAt = receivedAt;
        }

        public byte[] Data { get; }
        public string Source { get; }
        public double ReceivedAt { get; }
    }
}
