using System.Globalization;
using Amazon.EC2.Model;

namespace HaNat.Images
{
    /// <summary>Orders HaNat images newest first, the way Get-HaNatImage and New-HaNatVpc pick one.</summary>
    internal static class ImageSelection
    {
        /// <summary>
        /// Newest CreationDate first. EC2 reports it to the second, so two builds in one second tie: the name breaks
        /// the tie, since Packer names carry a timestamp, and the id last so that the order never depends on EC2's.
        /// </summary>
        public static IReadOnlyList<Image> NewestFirst(IEnumerable<Image> images) => images
            .OrderByDescending(i => CreatedAt(i))
            .ThenByDescending(i => i.Name ?? string.Empty, StringComparer.Ordinal)
            .ThenByDescending(i => i.ImageId ?? string.Empty, StringComparer.Ordinal)
            .ToList();

        /// <summary>The image's CreationDate (ISO 8601, UTC); the earliest date when EC2 sent none or an unreadable one.</summary>
        public static DateTimeOffset CreatedAt(Image image) =>
            DateTimeOffset.TryParse(image.CreationDate, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var created)
                ? created
                : DateTimeOffset.MinValue;
    }
}
