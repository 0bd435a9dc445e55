using HaNat.Model;

namespace HaNat.Images
{
    /// <summary>EC2's architecture names for the architectures a HaNat NAT runs on.</summary>
    internal static class ImageArchitectures
    {
        public const string Arm64 = "arm64";
        public const string X86_64 = "x86_64";

        /// <summary>The architecture of an image as DescribeImages names it; null for one HaNat does not run on (i386, the Mac ones).</summary>
        public static NatArchitecture? Parse(string? ec2Name) => ec2Name switch
        {
            Arm64 => NatArchitecture.Arm64,
            X86_64 => NatArchitecture.X86_64,
            _ => null,
        };

        public static string ToEc2(NatArchitecture architecture) =>
            architecture == NatArchitecture.Arm64 ? Arm64 : X86_64;
    }
}
