using System.Net;
using System.Xml.Linq;
using Amazon.Runtime;

namespace HaNat.Aws.Query
{
    /// <summary>
    /// A successful Query reply: <c>&lt;{Action}Response&gt;&lt;{Action}Result&gt;…&lt;/{Action}Result&gt;&lt;ResponseMetadata&gt;…</c>.
    /// <see cref="Result"/> is the Result element, or the root for actions that return nothing but metadata.
    /// </summary>
    internal sealed record QueryReply(XElement Result, string? RequestId, HttpStatusCode StatusCode, long ContentLength)
    {
        public static QueryReply Parse(string action, string body, HttpStatusCode statusCode)
        {
            var root = XDocument.Parse(body).Root!;
            var result = root.Child(action + "Result") ?? root;
            var requestId = root.Child("ResponseMetadata").Text("RequestId") ??
                            root.Descendants().FirstOrDefault(e => e.Name.LocalName == "RequestId")?.Value;
            return new QueryReply(result, requestId, statusCode, System.Text.Encoding.UTF8.GetByteCount(body));
        }

        /// <summary>Fills the fields every SDK response carries, so typed responses look like the SDK's.</summary>
        public T Into<T>(T response) where T : AmazonWebServiceResponse
        {
            response.HttpStatusCode = StatusCode;
            response.ContentLength = ContentLength;
            response.ResponseMetadata = new ResponseMetadata { RequestId = RequestId };
            return response;
        }
    }
}
