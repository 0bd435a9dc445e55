using System.Globalization;
using System.Text;
using Amazon.Util;

namespace HaNat.Aws.Query
{
    /// <summary>
    /// The parameters of one AWS Query request, flattened the way the Query protocol wants them: a list is
    /// <c>Name.member.1</c>, <c>Name.member.2</c>…, a structure is <c>Name.Field</c>, and the two nest
    /// (<c>Tags.member.1.Key</c>). A null value is not sent at all, so "not set" and "empty" stay different.
    /// </summary>
    internal sealed class QueryParameters
    {
        private readonly List<KeyValuePair<string, string>> _pairs;
        private readonly string _prefix;

        public QueryParameters()
            : this(new List<KeyValuePair<string, string>>(), string.Empty)
        {
        }

        private QueryParameters(List<KeyValuePair<string, string>> pairs, string prefix)
        {
            _pairs = pairs;
            _prefix = prefix;
        }

        /// <summary>Every parameter in the order it was added, names fully flattened.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Pairs => _pairs;

        public QueryParameters Add(string name, string? value)
        {
            if (value != null) _pairs.Add(new KeyValuePair<string, string>(_prefix + name, value));
            return this;
        }

        public QueryParameters Add(string name, int? value) =>
            Add(name, value?.ToString(CultureInfo.InvariantCulture));

        /// <summary>
        /// A double as the SDK writes one: the shortest text that reads back to the same value ("R"), invariant culture.
        /// NaN and the infinities are not numbers CloudWatch accepts; they are the caller's mistake, refused here.
        /// </summary>
        public QueryParameters Add(string name, double? value)
        {
            if (value is double v && (double.IsNaN(v) || double.IsInfinity(v)))
                throw new ArgumentOutOfRangeException(name, v, "A Query parameter cannot be NaN or infinite.");
            return Add(name, value?.ToString("R", CultureInfo.InvariantCulture));
        }

        /// <summary>A time in ISO 8601, UTC, to the millisecond, as the SDK writes one (2026-12-07T14:53:56.000Z).</summary>
        public QueryParameters Add(string name, DateTime? value) =>
            Add(name, value?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));

        /// <summary>Booleans go on the wire in lower case, as the AWS SDKs send them.</summary>
        public QueryParameters Add(string name, bool? value) =>
            Add(name, value == null ? null : value.Value ? "true" : "false");

        /// <summary>Adds <c>name.member.N</c> for each value; a null or empty list sends nothing.</summary>
        public QueryParameters AddList(string name, IEnumerable<string>? values)
        {
            if (values == null) return this;
            var index = 1;
            foreach (var value in values) Add($"{name}.member.{index++}", value);
            return this;
        }

        /// <summary>Adds <c>name.member.N.Field</c> for each item, the fields written by <paramref name="writeMember"/>.</summary>
        public QueryParameters AddList<T>(string name, IEnumerable<T>? items, Action<QueryParameters, T> writeMember)
        {
            if (items == null) return this;
            var index = 1;
            foreach (var item in items) writeMember(Nested($"{name}.member.{index++}"), item);
            return this;
        }

        /// <summary>Adds <c>name.Field</c> for a structure; a null structure sends nothing.</summary>
        public QueryParameters AddStruct<T>(string name, T? item, Action<QueryParameters, T> writeFields) where T : class
        {
            if (item != null) writeFields(Nested(name), item);
            return this;
        }

        /// <summary>
        /// The form body: <c>Action</c> and <c>Version</c> first, then the parameters, each name and value
        /// percent-encoded as RFC 3986 says (the SDK's own encoder, so a space is %20 and never '+').
        /// </summary>
        public string ToFormBody(string action, string version)
        {
            var body = new StringBuilder();
            Append(body, "Action", action);
            Append(body, "Version", version);
            foreach (var pair in _pairs) Append(body, pair.Key, pair.Value);
            return body.ToString();
        }

        private QueryParameters Nested(string name) => new QueryParameters(_pairs, _prefix + name + ".");

        private static void Append(StringBuilder body, string name, string value)
        {
            if (body.Length > 0) body.Append('&');
            body.Append(AWSSDKUtils.UrlEncode(name, false)).Append('=').Append(AWSSDKUtils.UrlEncode(value, false));
        }
    }
}
