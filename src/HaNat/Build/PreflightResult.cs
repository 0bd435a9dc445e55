using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using HaNat.Aws.AutoScaling;
using HaNat.Aws.AutoScaling.Model;
using HaNat.Aws.Ec2;
using HaNat.Aws.Iam;
using HaNat.Aws.Iam.Model;
using HaNat.Images;
using HaNat.Layout;
using Filter = Amazon.EC2.Model.Filter;

namespace HaNat.Build
{
    /// <summary>The checked layout, and what the image says that the layout does not hold.</summary>
    /// <param name="RootVolumeSizeGiB">The image's root volume size in GiB, which the launch template states (see <see cref="VpcBuild"/>).</param>
    internal sealed record PreflightResult(VpcLayout Layout, int? RootVolumeSizeGiB);
}
