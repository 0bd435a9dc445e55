using System.Linq;
using HaNat.NatDeployment;
using Xunit;

namespace HaNat.Tests.NatDeployment
{
    /// <summary>The types a spot group may launch besides the chosen one: same architecture, similar size, the chosen type first.</summary>
    public class SpotInstanceTypesTests
    {
        [Theory]
        // Graviton burstable: t4g is its only family, so the next sizes up widen the pools.
        [InlineData("t4g.nano", new[] { "t4g.nano", "t4g.micro", "t4g.small" })]
        // x86 burstable: the AMD sibling of the same size first, then one size up in both.
        [InlineData("t3.nano", new[] { "t3.nano", "t3a.nano", "t3.micro", "t3a.micro" })]
        [InlineData("t3a.small", new[] { "t3a.small", "t3.small", "t3a.medium", "t3.medium" })]
        // Same size in sibling families fills the list before any larger size.
        [InlineData("c6gn.medium", new[] { "c6gn.medium", "c7gn.medium", "c6g.medium", "c7g.medium" })]
        [InlineData("c6i.large", new[] { "c6i.large", "c5n.large", "c6in.large", "c5.large" })]
        // The largest burstable size has no bigger one: siblings only.
        [InlineData("t4g.2xlarge", new[] { "t4g.2xlarge" })]
        [InlineData("t3.2xlarge", new[] { "t3.2xlarge", "t3a.2xlarge" })]
        public void TheChosenTypeFirstThenPeersOfItsArchitecture(string chosen, string[] expected)
        {
            Assert.Equal(expected, SpotInstanceTypes.Overrides(chosen));
        }

        [Theory]
        [InlineData("x2gd.medium")]
        [InlineData("m7i-flex.large")]
        [InlineData("t4g.huge")]
        [InlineData("t4g")]
        public void ATypeWithNoKnownPeersStandsAlone(string chosen)
        {
            Assert.Equal(new[] { chosen }, SpotInstanceTypes.Overrides(chosen));
        }

        [Theory]
        [InlineData("t4g.nano")]
        [InlineData("t3.nano")]
        [InlineData("c6gn.medium")]
        [InlineData("m5.xlarge")]
        [InlineData("c7g.large")]
        public void NeverMoreThanThreePeersAndNeverTheOtherArchitecture(string chosen)
        {
            var types = SpotInstanceTypes.Overrides(chosen);

            Assert.InRange(types.Count, 1, SpotInstanceTypes.MaxPeers + 1);
            Assert.Equal(types.Count, types.Distinct().Count());
            Assert.All(types, t => Assert.Equal(NatInstanceTypes.GuessArchitecture(chosen), NatInstanceTypes.GuessArchitecture(t)));
        }
    }
}
