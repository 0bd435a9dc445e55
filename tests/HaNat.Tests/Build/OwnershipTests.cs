using System.Collections.Generic;
using HaNat.Inventory;
using HaNat.Layout;
using HaNat.Tagging;
using Xunit;
using static HaNat.Tests.Build.InventoryFixture;

namespace HaNat.Tests.Build
{
    public class OwnershipTests
    {
        private static FoundResource With(Dictionary<string, string> tags) => new FoundResource("x-1", tags);

        [Fact]
        public void HaNatsTagsWithThisNameAndVpcAreThisVpcs()
        {
            Assert.True(Ownership.IsOf(With(Tags(LayoutComponents.ElasticIp, "us-east-1a")), Name, VpcId));
            Assert.True(Ownership.IsOf(With(Tags(LayoutComponents.ElasticIp, "us-east-1a")), Name, null));
        }

        [Fact]
        public void AnotherNameAnotherVpcOrNoManagedTagIsNot()
        {
            Assert.False(Ownership.IsOf(With(Tags(LayoutComponents.ElasticIp, "us-east-1a", name: "other")), Name, VpcId));
            Assert.False(Ownership.IsOf(With(Tags(LayoutComponents.ElasticIp, "us-east-1a", vpcId: "vpc-other")), Name, VpcId));
            var unmanaged = Tags(LayoutComponents.ElasticIp, "us-east-1a");
            unmanaged[HaNatTags.Managed] = "false";
            Assert.False(Ownership.IsOf(With(unmanaged), Name, VpcId));
        }

        [Fact]
        public void InsideTheVpcTheManagedTagWithoutANameIsEnough()
        {
            var takeoverTable = With(new Dictionary<string, string> { [HaNatTags.Managed] = "true", [HaNatTags.Zone] = "us-east-1a" });

            Assert.True(Ownership.IsInVpcOf(takeoverTable, Name, VpcId));
            Assert.False(Ownership.IsOf(takeoverTable, Name, VpcId));
            Assert.False(Ownership.IsInVpcOf(With(new Dictionary<string, string>()), Name, VpcId));
            Assert.False(Ownership.IsInVpcOf(With(Tags(LayoutComponents.PublicSubnet, "us-east-1a", name: "other")), Name, VpcId));
        }

        [Fact]
        public void ResourcesDescribeThemselvesByIdAndName()
        {
            Assert.Equal("subnet x-1 (dev-public-us-east-1a)", With(Tags(LayoutComponents.PublicSubnet, "us-east-1a")).Describe("subnet"));
            Assert.Equal("subnet x-1", With(new Dictionary<string, string>()).Describe("subnet"));
        }
    }
}
