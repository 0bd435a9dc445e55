namespace HaNat.Build
{
    /// <summary>Joins messages that come from AWS (often without a final stop) into HaNat's own sentences.</summary>
    internal static class Sentences
    {
        public static string End(string message)
        {
            var text = message.TrimEnd();
            return text.EndsWith(".") || text.EndsWith("!") || text.EndsWith("?") ? text : text + ".";
        }
    }
}
