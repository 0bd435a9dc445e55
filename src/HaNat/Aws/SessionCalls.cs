namespace HaNat.Aws
{
    /// <summary>One SDK call through <see cref="AwsCall"/> with the session's log and cancellation: a line per call.</summary>
    internal static class SessionCalls
    {
        public static Task<T> Call<T>(this AwsSession session, string service, string operation, string detail, Func<CancellationToken, Task<T>> call) =>
            AwsCall.RunAsync(session.Log, service, operation, detail, () => call(session.Cancellation), session.Cancellation);
    }
}
