using System;
using System.Linq;
using HaNat.NatDeployment;
using HaNat.Policies;
using HaNat.Tagging;
using Xunit;

namespace HaNat.Tests.Build
{
    public class HeartbeatKeyTests
    {
        [Fact]
        public void AKeyIs32RandomBytesInBase64()
        {
            var first = HeartbeatKey.NewKey();
            var second = HeartbeatKey.NewKey();

            Assert.Equal(32, Convert.FromBase64String(first).Length);
            Assert.NotEqual(first, second);
        }

        [Fact]
        public void ItLivesUnderHanatWhereTheNatPolicyLetsTheNatsReadIt()
        {
            var name = HeartbeatKey.ParameterName("dev");

            Assert.Equal("/hanat/dev/heartbeat-key", name);
            var read = IamPolicies.NatInstance.StatementsAllowing("ssm:GetParameter").SelectMany(s => s.Resources);
            Assert.Contains(read, r => r.EndsWith(":parameter/hanat/*", StringComparison.Ordinal));
        }

        [Fact]
        public void ItIsTaggedAsTheVpcsHeartbeatKey()
        {
            var tags = HeartbeatKey.Tags("dev", "vpc-1").ToDictionary(t => t.Key, t => t.Value);

            Assert.Equal("true", tags[HaNatTags.Managed]);
            Assert.Equal("dev", tags[HaNatTags.VpcName]);
            Assert.Equal("vpc-1", tags[HaNatTags.VpcId]);
            Assert.Equal("heartbeat-key", tags[HaNatTags.Component]);
        }
    }
}
