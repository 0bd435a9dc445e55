using System.Net;
using System.Xml;
using System.Xml.Linq;
using Amazon.Runtime;

namespace HaNat.Aws.Query
{
    /// <summary>
    /// An error reply of the Query protocol: <c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Type/&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;RequestId/&gt;</c>.
    /// Some services and emulators wrap the Error in an extra <c>&lt;Errors&gt;</c>, so the first Error with a Code
    /// anywhere in the document is the one.
    /// </summary>
    internal sealed record QueryError(string Code, string Message, ErrorType Type, string? RequestId)
    {
        /// <summary>Parses an error body; null when it is not an AWS error document (a proxy's HTML page, an empty body).</summary>
        public static QueryError? TryParse(string? body)
        {
            if (string.IsNullOrWhiteSpace(body)) return null;
            XDocument document;
            try
            {
                document = XDocument.Parse(body);
            }
            catch (XmlException)
            {
                return null;
            }

            var error = document.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error" && e.Child("Code") != null);
            if (error == null) return null;
            var requestId = document.Descendants().FirstOrDefault(e => e.Name.LocalName == "RequestId")?.Value;
            var type = error.Text("Type") switch
            {
                "Sender" => ErrorType.Sender,
                "Receiver" => ErrorType.Receiver,
                _ => ErrorType.Unknown,
            };
            return new QueryError(error.Text("Code")!.Trim(), (error.Text("Message") ?? string.Empty).Trim(), type, requestId);
        }

        /// <summary>
        /// The error to report when the body says nothing useful: the HTTP status name (for example
        /// ServiceUnavailable) stands in for the code, and the start of the body for the message.
        /// </summary>
        public static QueryError FromStatus(HttpStatusCode status, string? body)
        {
            var text = (body ?? string.Empty).Trim();
            if (text.Length > 200) text = text.Substring(0, 200) + "…";
            var message = text.Length == 0 ? $"HTTP {(int)status} with an empty body" : $"HTTP {(int)status}: {text}";
            return new QueryError(status.ToString(), message, (int)status >= 500 ? ErrorType.Receiver : ErrorType.Sender, null);
        }
    }
}
