using HaNat.Layout;

namespace HaNat.Build
{
    /// <summary>The checked layout, and what the image says that the layout does not hold.</summary>
    /// <param name="RootVolumeSizeGiB">The image's root volume size in GiB, which the launch template states (see <see cref="VpcBuild"/>).</param>
    internal sealed record PreflightResult(VpcLayout Layout, int? RootVolumeSizeGiB);
}
