using Amazon.Runtime;

namespace HaNat.Aws.Query
{
    /// <summary>
    /// A Query request. Its public properties are its parameters, sent in the order they are declared and under
    /// their own names (<see cref="QueryForm"/>), and its type name says the action, as the SDK names its
    /// requests: GetRoleRequest calls GetRole. It is an AmazonWebServiceRequest because the SDK's signer takes
    /// the original request, as the SDK hands it its own.
    /// </summary>
    internal abstract class QueryRequest : AmazonWebServiceRequest
    {
        private const string Suffix = "Request";

        internal string Action
        {
            get
            {
                var name = GetType().Name;
                return name.EndsWith(Suffix, StringComparison.Ordinal) ? name.Substring(0, name.Length - Suffix.Length) : name;
            }
        }

        /// <summary>What the call's log line says it was about (a group name, a role name); nothing by default.</summary>
        internal virtual string? LogDetail => null;
    }

    /// <summary>A Query request whose reply is read into <typeparamref name="TResponse"/> by <see cref="QueryReader"/>.</summary>
    internal abstract class QueryRequest<TResponse> : QueryRequest
        where TResponse : AmazonWebServiceResponse, new()
    {
    }
}
