using HaNat.Aws.Query;

namespace HaNat.Aws.Iam
{
    /// <summary>
    /// A policy document in an IAM reply: IAM sends them percent-encoded (RFC 3986), and the model holds the JSON
    /// they were put in as. A JSON document always starts with '{', so text that does is left alone (an emulator
    /// may send it plain); anything else is unescaped. Unescaping never turns '+' into a space, which a form
    /// decoder would, and '+' can appear in a policy's conditions.
    /// </summary>
    internal sealed class UrlEncodedPolicyAttribute : QueryTextAttribute
    {
        public override string? Read(string? wire) => Decode(wire);

        public static string? Decode(string? document)
        {
            if (document == null) return null;
            var trimmed = document.TrimStart();
            return trimmed.StartsWith("{", StringComparison.Ordinal) ? document : Uri.UnescapeDataString(document);
        }
    }
}
