using System.Collections.Generic;
using Amazon.EC2;
using Amazon.EC2.Model;
using HaNat.Aws.Ec2;
using HaNat.Build;
using HaNat.Model;
using Xunit;

namespace HaNat.Tests.Build
{
    public class BuildChecksTests
    {
        private static readonly List<Ec2AvailabilityZone> Region = new List<Ec2AvailabilityZone>
        {
            new Ec2AvailabilityZone("us-east-1d", "available", "availability-zone"),
            new Ec2AvailabilityZone("us-east-1b", "available", "availability-zone"),
            new Ec2AvailabilityZone("us-east-1a", "available", "availability-zone"),
            new Ec2AvailabilityZone("us-east-1c", "impaired", "availability-zone"),
            new Ec2AvailabilityZone("us-east-1-bos-1a", "available", "local-zone"),
        };

        [Fact]
        public void ByDefaultTheFirstAvailableZonesByName()
        {
            Assert.Equal(new[] { "us-east-1a", "us-east-1b", "us-east-1d" }, BuildChecks.ChooseZones(Region, null, 3, "us-east-1"));
            Assert.Equal(new[] { "us-east-1a" }, BuildChecks.ChooseZones(Region, null, 1, "us-east-1"));
        }

        [Fact]
        public void ARegionWithFewerZonesGivesWhatItHas()
        {
            Assert.Equal(3, BuildChecks.ChooseZones(Region, null, 6, "us-east-1").Count);
        }

        [Fact]
        public void NamedZonesKeepTheirOrder()
        {
            Assert.Equal(new[] { "us-east-1d", "us-east-1a" }, BuildChecks.ChooseZones(Region, new[] { "us-east-1d", "us-east-1a" }, 3, "us-east-1"));
        }

        [Theory]
        [InlineData("us-west-2a", "UnknownAvailabilityZone")]
        [InlineData("us-east-1c", "AvailabilityZoneNotUsable")]
        [InlineData("us-east-1-bos-1a", "AvailabilityZoneNotUsable")]
        public void AZoneThatWillNotDoIsRefusedWithTheZonesThatWould(string zone, string errorId)
        {
            var ex = Assert.Throws<HaNatException>(() => BuildChecks.ChooseZones(Region, new[] { "us-east-1a", zone }, 3, "us-east-1"));

            Assert.Equal(errorId, ex.ErrorId);
            Assert.Equal(zone, ex.Target);
            Assert.Contains("us-east-1a, us-east-1b, us-east-1d", ex.Message);
        }

        [Fact]
        public void ARegionWithoutZonesIsRefused()
        {
            Assert.Equal("NoAvailableZone", Assert.Throws<HaNatException>(() => BuildChecks.ChooseZones(new List<Ec2AvailabilityZone>(), null, 3, "xx-1")).ErrorId);
        }

        private static Image ImageOf(string state, string architecture, string? root = "/dev/xvda") => new Image
        {
            ImageId = "ami-0123456789abcdef0",
            State = new ImageState(state),
            Architecture = new ArchitectureValues(architecture),
            RootDeviceName = root,
        };

        [Theory]
        [InlineData("arm64", NatArchitecture.Arm64)]
        [InlineData("x86_64", NatArchitecture.X86_64)]
        public void AnAvailableImageGivesItsArchitectureAndRootDevice(string architecture, NatArchitecture expected)
        {
            var (found, root) = BuildChecks.CheckImage(ImageOf("available", architecture, "/dev/sda1"), "ami-0123456789abcdef0", "us-east-1");

            Assert.Equal(expected, found);
            Assert.Equal("/dev/sda1", root);
        }

        [Theory]
        [InlineData(null, null, "ImageNotFound")]
        [InlineData("pending", "arm64", "ImageNotAvailable")]
        [InlineData("available", "i386", "UnsupportedImageArchitecture")]
        [InlineData("available", "arm64_mac", "UnsupportedImageArchitecture")]
        public void AnImageThatWillNotDoIsRefused(string? state, string? architecture, string errorId)
        {
            var image = state == null ? null : ImageOf(state, architecture!);

            Assert.Equal(errorId, Assert.Throws<HaNatException>(() => BuildChecks.CheckImage(image, "ami-0123456789abcdef0", "us-east-1")).ErrorId);
        }

        [Fact]
        public void AMissingKeyPairIsRefused()
        {
            BuildChecks.CheckKeyPair(true, "ops", "us-east-1");
            var ex = Assert.Throws<HaNatException>(() => BuildChecks.CheckKeyPair(false, "ops", "us-east-1"));

            Assert.Equal("KeyPairNotFound", ex.ErrorId);
            Assert.Equal(HaNatErrorKind.ObjectNotFound, ex.Kind);
        }

        [Fact]
        public void ANameIsFreeOnlyWhenNothingHasIt()
        {
            BuildChecks.CheckNameFree(new NameUse("dev", "us-east-1", new string[0], new string[0]));

            var vpc = Assert.Throws<HaNatException>(() => BuildChecks.CheckNameFree(new NameUse("dev", "us-east-1", new[] { "vpc-1" }, new[] { "IAM role x" })));
            Assert.Equal("NameInUse", vpc.ErrorId);
            Assert.Equal(HaNatErrorKind.ResourceExists, vpc.Kind);
            Assert.Contains("vpc-1", vpc.Message);

            var leftover = Assert.Throws<HaNatException>(() => BuildChecks.CheckNameFree(new NameUse("dev", "us-east-1", new string[0], new[] { "IAM role dev-nat-us-east-1" })));
            Assert.Contains("Remove-HaNatVpc -Name dev", leftover.Message);
            Assert.Contains("IAM role dev-nat-us-east-1", leftover.Message);
        }
    }
}
