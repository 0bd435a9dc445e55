using HaNat.Aws;
using Xunit;

namespace HaNat.Tests.Aws
{
    public class AwsRegionsTests
    {
        [Theory]
        [InlineData("us-east-1", "aws")]
        [InlineData("cn-northwest-1", "aws-cn")]
        [InlineData("us-gov-east-1", "aws-us-gov")]
        [InlineData("us-iso-east-1", "aws-iso")]
        [InlineData("us-isob-east-1", "aws-iso-b")]
        [InlineData("eu-isoe-west-1", "aws-iso-e")]
        [InlineData("us-isof-south-1", "aws-iso-f")]
        [InlineData("eusc-de-east-1", "aws-eusc")]
        public void KnowsTheRegionsOfEveryPartitionFromTheSdk(string region, string partition)
        {
            Assert.True(AwsRegions.IsKnown(region));
            Assert.Equal(partition, AwsRegions.PartitionOf(region));
            Assert.Equal(partition, AwsPartition.OfRegion(region));
            Assert.Contains(partition, AwsRegions.Partitions);
        }

        [Fact]
        public void ListsRegionsNotTheSdksEndpointVariants()
        {
            Assert.DoesNotContain("us-east-1-regional", AwsRegions.Known);
            Assert.Contains("us-east-1", AwsRegions.Known);
        }

        [Theory]
        [InlineData("xx-fake-1", false, "UnknownRegion")]
        [InlineData("xx-fake-1", true, "UnknownRegion")]
        [InlineData("ap-newzone-9", false, "UnknownRegion")]
        [InlineData("ap-newzone-9", true, null)]
        [InlineData("us-east-1", false, null)]
        [InlineData("US-EAST-1", true, "InvalidRegion")]
        [InlineData("us-east-1a", true, "InvalidRegion")]
        [InlineData("useast1", false, "InvalidRegion")]
        public void RefusesWhatIsNotARegionAwsHas(string region, bool endpointConfigured, string? errorId)
        {
            var error = Record.Exception(() => AwsRegions.Validate(region, endpointConfigured));
            Assert.Equal(errorId, (error as HaNatException)?.ErrorId);
        }
    }
}
