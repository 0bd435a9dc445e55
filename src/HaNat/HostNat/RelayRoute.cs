namespace HaNat.HostNat
{
    /// <summary>
    /// What `ip -o -4 route get ADDRESS` says about the way to the previous NAT: the device, and the gateway when the
    /// address is not on a link of this host. The relay sends a connection's packets to the previous NAT as the next
    /// hop, untranslated, with the internet as their destination; only a NAT on the same link (the same subnet in a
    /// VPC) receives them. Behind a gateway (another zone's subnet) the VPC router would forward them by destination
    /// instead, so the relay is not started there.
    /// </summary>
    internal sealed record RelayRoute(string? Device, string? Gateway)
    {
        public const string NotOnLinkErrorId = "RelayNotOnLink";

        public static RelayRoute Parse(string routeGetOutput)
        {
            var words = routeGetOutput.Split(new[] { ' ', '\t', '\n' }, StringSplitOptions.RemoveEmptyEntries);
            string? After(string word)
            {
                var at = Array.IndexOf(words, word);
                return at < 0 || at + 1 >= words.Length ? null : words[at + 1];
            }
            return new RelayRoute(After("dev"), After("via"));
        }
    }
}
