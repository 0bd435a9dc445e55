using System.Net;

namespace HaNat.Aws
{
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
            if (code == "ConnectionError" || code == "ClientError" || code == "RequestTimeout") return HaNatErrorKind.ConnectionError;
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
