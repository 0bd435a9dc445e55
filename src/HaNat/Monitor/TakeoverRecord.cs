namespace HaNat.Monitor
{
    /// <summary>A takeover this NAT started.</summary>
    internal sealed class TakeoverRecord
    {
        public TakeoverRecord(string zone, string failedInstanceId, double at)
        {
            Zone = zone;
            FailedInstanceId = failedInstanceId;
            At = at;
        }

        public string Zone { get; }
        public string FailedInstanceId { get; }
        public double At { get; }
    }
}
