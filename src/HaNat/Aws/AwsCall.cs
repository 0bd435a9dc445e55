using System.Diagnostics;
using Amazon.Runtime;

namespace HaNat.Aws
{
    /// <summary>
    /// Runs one AWS call: logs it for -Verbose, and turns the SDK's failures into HaNatExceptions that keep
    /// the AWS error code. The SDK itself retries throttling (standard retry mode, see AwsSession).
    /// </summary>
    internal static class AwsCall
    {
        /// <param name="cancellation">The caller's own stop: a cancellation it did not ask for is the client's timeout.</param>
        public static async Task<T> RunAsync<T>(AwsCallLog log, string service, string operation, string detail, Func<Task<T>> call,
            CancellationToken cancellation = default)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                var result = await call().ConfigureAwait(false);
                log.Record($"{service} {operation}{Describe(detail)} ({clock.ElapsedMilliseconds} ms)");
                return result;
            }
            catch (AmazonServiceException ex)
            {
                log.Record($"{service} {operation}{Describe(detail)} failed: {ex.ErrorCode} ({clock.ElapsedMilliseconds} ms)");
                throw new AwsCallException(service, operation, ex.ErrorCode, ex.StatusCode, ex.Message, ex);
            }
            catch (AmazonClientException ex)
            {
                log.Record($"{service} {operation}{Describe(detail)} failed: {ex.Message} ({clock.ElapsedMilliseconds} ms)");
                throw new AwsCallException(service, operation, "ClientError", 0, ex.Message, ex);
            }
            catch (System.Net.Http.HttpRequestException ex)
            {
                log.Record($"{service} {operation}{Describe(detail)} failed: {ex.Message} ({clock.ElapsedMilliseconds} ms)");
                throw new AwsCallException(service, operation, "ConnectionError", 0, ex.Message, ex);
            }
            catch (Exception ex) when ((ex is OperationCanceledException || ex is TimeoutException) && !cancellation.IsCancellationRequested)
            {
                // The client's own timeout (an attempt that outlived ClientConfig.Timeout) surfaces as a cancellation
                // nobody asked for. As an AwsCallException it is an AWS failure like any other, which the caller may
                // retry; left as a cancellation, it would read as "stopping" and end whatever loop made the call.
                log.Record($"{service} {operation}{Describe(detail)} failed: RequestTimeout ({clock.ElapsedMilliseconds} ms)");
                throw new AwsCallException(service, operation, "RequestTimeout", 0,
                    $"no answer within the client's timeout ({clock.ElapsedMilliseconds} ms)", ex);
            }
        }

        private static string Describe(string detail) => string.IsNullOrEmpty(detail) ? string.Empty : " " + detail;
    }
}
