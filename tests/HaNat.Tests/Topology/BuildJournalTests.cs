using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using HaNat.Build;
using Xunit;

namespace HaNat.Tests.Topology
{
    public class BuildJournalTests
    {
        [Fact]
        public async Task RollsBackInReverseOrder()
        {
            var undone = new List<string>();
            var journal = new BuildJournal();
            foreach (var name in new[] { "vpc", "subnet", "route table" })
            {
                journal.Record(name, () => { undone.Add(name); return Task.CompletedTask; });
            }

            var failures = await journal.RollBackAsync(_ => { });

            Assert.Empty(failures);
            Assert.Equal(new[] { "route table", "subnet", "vpc" }, undone);
            Assert.Equal(0, journal.Count);
        }

        [Fact]
        public async Task AFailedUndoDoesNotStopTheOthers()
        {
            var undone = new List<string>();
            var journal = new BuildJournal();
            journal.Record("vpc", () => { undone.Add("vpc"); return Task.CompletedTask; });
            journal.Record("gateway", () => throw new InvalidOperationException("DependencyViolation"));
            journal.Record("role", () => { undone.Add("role"); return Task.CompletedTask; });
            var log = new List<string>();

            var failures = await journal.RollBackAsync(log.Add);

            Assert.Equal(new[] { "role", "vpc" }, undone);
            Assert.Equal("gateway: DependencyViolation", Assert.Single(failures));
            Assert.Contains(log, line => line.Contains("could not roll back gateway"));
        }
    }
}
