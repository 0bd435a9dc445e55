using System.Globalization;
using System.Xml.Linq;

namespace HaNat.Aws.Query
{
    /// <summary>
    /// Reads Query-protocol XML replies by local name only. Each service (and each emulator) puts its replies in
    /// its own namespace, some in none at all; matching local names keeps one reader for all of them.
    /// </summary>
    internal static class QueryXml
    {
        public static XElement? Child(this XElement? parent, string localName) =>
            parent?.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

        public static string? Text(this XElement? parent, string localName) => parent.Child(localName)?.Value;

        public static int? Int(this XElement? parent, string localName)
        {
            var text = parent.Text(localName);
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : (int?)null;
        }

        public static bool? Bool(this XElement? parent, string localName)
        {
            var text = parent.Text(localName);
            if (text == null) return null;
            return string.Equals(text.Trim(), "true", StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>Timestamps come as ISO 8601 in UTC; they are returned as UTC DateTimes.</summary>
        public static DateTime? Date(this XElement? parent, string localName)
        {
            var text = parent.Text(localName);
            return DateTime.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value)
                ? value
                : (DateTime?)null;
        }

        /// <summary>The <c>member</c> elements of the list element <paramref name="listName"/> (none if it is absent).</summary>
        public static IEnumerable<XElement> Members(this XElement? parent, string listName)
        {
            var list = parent.Child(listName);
            return list == null ? Enumerable.Empty<XElement>() : list.Elements().Where(e => e.Name.LocalName == "member");
        }

        public static List<string> StringMembers(this XElement? parent, string listName) =>
            parent.Members(listName).Select(m => m.Value).ToList();
    }
}
