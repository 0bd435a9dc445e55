using System.Linq;
using Amazon.EC2.Model;
using HaNat.Images;
using HaNat.Model;
using Xunit;

namespace HaNat.Tests.Build
{
    public class ImageSelectionTests
    {
        private static Image Image(string id, string? created, string name = "hanat-nat") =>
            new Image { ImageId = id, CreationDate = created, Name = name };

        [Fact]
        public void NewestCreationDateFirst()
        {
            var images = new[]
            {
                Image("ami-old", "2026-01-02T10:00:00.000Z"),
                Image("ami-new", "2026-03-01T09:00:00.000Z"),
                Image("ami-mid", "2026-02-15T23:59:59.000Z"),
            };

            Assert.Equal(new[] { "ami-new", "ami-mid", "ami-old" }, ImageSelection.NewestFirst(images).Select(i => i.ImageId));
        }

        [Fact]
        public void ASecondsTieGoesToTheLaterNameThenTheId()
        {
            var images = new[]
            {
                Image("ami-1", "2026-03-01T09:00:00.000Z", "hanat-nat-20260301090000"),
                Image("ami-2", "2026-03-01T09:00:00.000Z", "hanat-nat-20260301090001"),
                Image("ami-4", "2026-03-01T09:00:00.000Z", "hanat-nat-20260301090001"),
            };

            Assert.Equal(new[] { "ami-4", "ami-2", "ami-1" }, ImageSelection.NewestFirst(images).Select(i => i.ImageId));
        }

        [Fact]
        public void AnImageWithoutAReadableDateComesLast()
        {
            var images = new[] { Image("ami-none", null, "zzz"), Image("ami-bad", "yesterday", "zzz"), Image("ami-dated", "2020-01-01T00:00:00.000Z", "a") };

            Assert.Equal("ami-dated", ImageSelection.NewestFirst(images).First().ImageId);
        }

        [Theory]
        [InlineData("arm64", NatArchitecture.Arm64)]
        [InlineData("x86_64", NatArchitecture.X86_64)]
        [InlineData("i386", null)]
        [InlineData("x86_64_mac", null)]
        [InlineData(null, null)]
        public void Ec2ArchitectureNames(string? name, NatArchitecture? expected)
        {
            Assert.Equal(expected, ImageArchitectures.Parse(name));
            if (expected != null) Assert.Equal(name, ImageArchitectures.ToEc2(expected.Value));
        }
    }
}
