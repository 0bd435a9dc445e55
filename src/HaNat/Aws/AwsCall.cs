using System;
using System.Diagnostics;
using System.Net;
using System.Threading.Tasks;
using Amazon.Runtime;

namespace HaNat.Aws
{
    /// <summary>
    /// Runs one AWS call: logs it for -Verbose, and turns the SDK's failures into HaNatExceptions that keep
    /// the AWS error code. The SDK itself retries throttling (standard retry mode, see AwsSession).
    /// </summary>
    internal static class AwsCall
    {
        public static async Task<T> RunAsync<T>(AwsCallLog log, string service, string operation, string detail, Func<Task<T>> call)
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
        }

        private static string Describe(string detail) => string.IsNullOrEmpty(detail) ? string.Empty : " " + detail;
    }

    /// <summary>An AWS call that failed, with the service's own error code (for example InvalidInstanceID.NotFound).</summary>
    internal sealed class AwsCallException : HaNatException
    {
        public AwsCallException(string service, string operation, string? awsErrorCode, HttpStatusCode status, string message, Exception inner)
            : base("Aws" + service + operation + "Failed", KindOf(awsErrorCode, status),
                $"{service} {operation} failed: {(string.IsNullOrEmpty(awsErrorCode) ? "" : awsErrorCode + ": ")}{message}", inner)
        {
            Service = service;
            Operation = operation;
            AwsErrorCode = awsErrorCode ?? string.Empty;
            StatusCode = status;
        }

        public string Service { get; }
        public string Operation { get; }
        public string AwsErrorCode { get; }
        public HttpStatusCode StatusCode { get; }

        private static HaNatErrorKind KindOf(string? code, HttpStatusCode status)
        {
            if (code == "ConnectionError" || code == "ClientError") return HaNatErrorKind.ConnectionError;
            // Bad keys and bad signatures come back as 403 too: look at the code before the status.
            if (status == HttpStatusCode.Unauthorized || code == "AuthFailure" || code == "SignatureDoesNotMatch" ||
                code == "InvalidClientTokenId" || code == "UnrecognizedClientException")
                return HaNatErrorKind.AuthenticationError;
            if (status == HttpStatusCode.Forbidden || code == "UnauthorizedOperation" || code == "AccessDenied")
                return HaNatErrorKind.PermissionDenied;
            if (code != null && (code.EndsWith(".NotFound", StringComparison.Ordinal) || code.StartsWith("NoSuch", StringComparison.Ordinal)))
                return HaNatErrorKind.ObjectNotFound;
            return HaNatErrorKind.InvalidOperation;
        }
    }
}
