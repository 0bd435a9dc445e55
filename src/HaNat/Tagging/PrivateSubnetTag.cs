namespace HaNat.Tagging
{
    /// <summary>The tag that marks a private subnet, given as "key=value" (default network=private).</summary>
    internal sealed class PrivateSubnetTag
    {
        public const string Default = "network=private";

        private PrivateSubnetTag(string key, string value)
        {
            Key = key;
            Value = value;
        }

        public string Key { get; }
        public string Value { get; }

        public static PrivateSubnetTag Parse(string? text)
        {
            var raw = string.IsNullOrWhiteSpace(text) ? Default : text!.Trim();
            var equals = raw.IndexOf('=');
            if (equals <= 0 || equals == raw.Length - 1)
            {
                throw new HaNatException("InvalidPrivateSubnetTag", HaNatErrorKind.InvalidArgument,
                    $"-PrivateSubnetTag '{text}' is not of the form key=value. Give the tag that marks private subnets, for example network=private.");
            }
            return new PrivateSubnetTag(raw.Substring(0, equals).Trim(), raw.Substring(equals + 1).Trim());
        }

        public override string ToString() => Key + "=" + Value;
    }
}
