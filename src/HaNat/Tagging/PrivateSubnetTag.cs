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

        /// <summary>
        /// The tag a NAT serves when none is given: its deployment's, read from the NAT's own tags (or the VPC's: the
        /// VPC Add-HaNatVpc serves carries hanat:served-by too). A NAT that
        /// Add-HaNatVpc deployed carries hanat:served-by=N (from its launch template), and serves the subnets tagged
        /// so; any other NAT serves network=private. The AMI's units run the takeover and the monitor with no
        /// -PrivateSubnetTag, so this is what keeps a NAT in a VPC HaNat did not build on the subnets it was given.
        /// </summary>
        public static PrivateSubnetTag OfInstance(IReadOnlyDictionary<string, string> instanceTags) =>
            instanceTags.TryGetValue(HaNatTags.ServedBy, out var deployment) && !string.IsNullOrWhiteSpace(deployment)
                ? new PrivateSubnetTag(HaNatTags.ServedBy, deployment)
                : Parse(null);

        public static PrivateSubnetTag ServedBy(string deployment) => new PrivateSubnetTag(HaNatTags.ServedBy, deployment);

        public override string ToString() => Key + "=" + Value;
    }
}
