using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using HaNat.Aws.Ec2;
using Xunit;

namespace HaNat.Tests.Aws
{
    /// <summary>The one pager of EC2 describe calls: every page read, and no endless loop on a token handed back.</summary>
    public class Ec2PagerTests
    {
        [Fact]
        public async Task EveryPageIsReadUntilTheTokenRunsOut()
        {
            var pages = new Dictionary<string, (string[] Items, string? Next)>
            {
                [""] = (new[] { "a", "b" }, "t1"),
                ["t1"] = (new[] { "c" }, "t2"),
                ["t2"] = (new[] { "d" }, null),
            };
            var asked = new List<string?>();
            var all = await Ec2Pager.AllAsync(token =>
            {
                asked.Add(token);
                return Task.FromResult(pages[token ?? ""]);
            }, p => p.Items, p => p.Next);

            Assert.Equal(new[] { "a", "b", "c", "d" }, all);
            Assert.Equal(new string?[] { null, "t1", "t2" }, asked);
        }

        [Fact]
        public async Task ATokenHandedBackUnchangedEndsTheRead()
        {
            var calls = 0;
            var all = await Ec2Pager.AllAsync(token =>
            {
                calls++;
                return Task.FromResult((Items: new[] { "x" }, Next: "same"));
            }, p => p.Items, p => p.Next);

            Assert.Equal(2, calls);
            Assert.Equal(new[] { "x", "x" }, all);
        }

        [Fact]
        public async Task FilterValuesGoInChunksEc2Accepts()
        {
            var values = Enumerable.Range(0, Ec2Pager.MaxFilterValues + 1).Select(i => "vpc-" + i).ToList();
            var chunks = new List<int>();
            var all = await Ec2Pager.ChunkedAsync(values, chunk =>
            {
                chunks.Add(chunk.Count);
                return Task.FromResult(chunk.ToList());
            });

            Assert.Equal(new[] { Ec2Pager.MaxFilterValues, 1 }, chunks);
            Assert.Equal(values, all);
        }
    }
}
