using System;
using System.Net;
using HaNat.Aws;
using Xunit;

namespace HaNat.Tests.Build
{
    public class AwsErrorsTests
    {
        [Theory]
        [InlineData("InvalidVpcID.NotFound", "", true)]
        [InlineData("InvalidAssociationID.NotFound", "", true)]
        [InlineData("InvalidLaunchTemplateName.NotFoundException", "", true)]
        [InlineData("NoSuchEntity", "Role x not found", true)]
        [InlineData("ParameterNotFound", "", true)]
        [InlineData("Gateway.NotAttached", "", true)]
        [InlineData("ValidationError", "AutoScalingGroup name not found - null", true)]
        [InlineData("ValidationError", "MinSize must be positive", false)]
        [InlineData("DependencyViolation", "The subnet has dependencies and cannot be deleted.", false)]
        [InlineData("DeleteConflict", "Cannot delete entity, must remove roles from instance profile first.", false)]
        public void GoneMeansDone(string code, string message, bool notFound)
        {
            Assert.Equal(notFound, AwsErrors.IsNotFound(code, message));
            Assert.Equal(notFound, AwsErrors.IsNotFound(new AwsCallException("EC2", "DeleteX", code, HttpStatusCode.BadRequest, message, new Exception(message))));
        }

        [Fact]
        public void OnlyAwsCallFailuresAreNotFound()
        {
            Assert.False(AwsErrors.IsNotFound(new InvalidOperationException("not found")));
        }

        [Theory]
        [InlineData("us-east-1", "aws")]
        [InlineData("cn-north-1", "aws-cn")]
        [InlineData("us-gov-west-1", "aws-us-gov")]
        [InlineData("us-iso-east-1", "aws-iso")]
        [InlineData("us-isob-east-1", "aws-iso-b")]
        public void PartitionOfARegion(string region, string partition)
        {
            Assert.Equal(partition, AwsPartition.OfRegion(region));
        }

        [Fact]
        public void PartitionAndAccountOfAnArn()
        {
            Assert.Equal(("aws-cn", "123456789012"), AwsPartition.OfArn("arn:aws-cn:iam::123456789012:role/hanat/dev-nat-cn-north-1"));
            Assert.Equal(((string?)null, (string?)null), AwsPartition.OfArn("not an arn"));
            Assert.Equal(((string?)null, (string?)null), AwsPartition.OfArn(null));
        }
    }
}
