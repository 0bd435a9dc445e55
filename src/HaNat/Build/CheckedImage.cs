using HaNat.Model;

namespace HaNat.Build
{
    /// <summary>The image a deployment launches, checked: what the launch template takes from it.</summary>
    internal sealed class CheckedImage
    {
        public CheckedImage(string imageId, NatArchitecture architecture, string rootDeviceName, int? rootVolumeSizeGiB)
        {
            ImageId = imageId;
            Architecture = architecture;
            RootDeviceName = rootDeviceName;
            RootVolumeSizeGiB = rootVolumeSizeGiB;
        }

        public string ImageId { get; }
        public NatArchitecture Architecture { get; }
        public string RootDeviceName { get; }

        /// <summary>The image's root volume size in GiB, which the launch template states; null when the image does not say.</summary>
        public int? RootVolumeSizeGiB { get; }
    }
}
