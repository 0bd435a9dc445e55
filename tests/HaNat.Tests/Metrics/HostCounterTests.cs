using System;
using System.IO;
using HaNat.Metrics;
using Xunit;

namespace HaNat.Tests.Metrics
{
    /// <summary>The kernel's counters, read from sample /proc and /sys files: what the NAT's metrics are made of.</summary>
    public sealed class HostCounterTests : IDisposable
    {
        // A 5.15 kernel's table, two CPUs (the columns differ between kernels: they are found by name).
        private const string Stat =
            "entries  clashres found new invalid ignore delete chainlength insert insert_failed drop early_drop icmp_error  expect_new expect_create expect_delete search_restart\n" +
            "00000064  00000000 00000000 00000000 00000003 00000000 00000000 00000000 00000000 00000002 0000000a 00000001 00000000  00000000 00000000 00000000 00000000\n" +
            "00000064  00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000010 00000001 00000000 00000000  00000000 00000000 00000000 00000000\n";

        private readonly string _root = Path.Combine(Path.GetTempPath(), "hanat-host-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
        }

        private void Write(string relative, string text)
        {
            var path = Path.Combine(_root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }

        private void Interface(string name, long rxBytes, long txBytes, long rxDropped, long txDropped)
        {
            Write($"sys/class/net/{name}/statistics/rx_bytes", rxBytes + "\n");
            Write($"sys/class/net/{name}/statistics/tx_bytes", txBytes + "\n");
            Write($"sys/class/net/{name}/statistics/rx_dropped", rxDropped + "\n");
            Write($"sys/class/net/{name}/statistics/tx_dropped", txDropped + "\n");
        }

        [Fact]
        public void The_statistics_table_is_summed_over_the_CPUs_by_column_name_and_entries_is_not_a_counter()
        {
            var sums = ConntrackStatistics.Parse(Stat);
            Assert.Equal(0x12, sums["insert_failed"]);
            Assert.Equal(0x0b, sums["drop"]);
            Assert.Equal(1, sums["early_drop"]);
            Assert.Equal(3, sums["invalid"]);
            Assert.False(sums.ContainsKey("entries"));
        }

        [Fact]
        public void An_older_kernel_s_columns_are_found_by_name_too()
        {
            var sums = ConntrackStatistics.Parse("entries searched found new invalid ignore delete delete_list insert insert_failed drop early_drop\n" +
                "00000001 00000000 00000000 00000005 00000000 00000000 00000000 00000000 00000005 00000007 00000000 00000000\n");
            Assert.Equal(7, sums["insert_failed"]);
            Assert.Equal(5, sums["new"]);
        }

        [Fact]
        public void Reads_the_table_its_counters_and_every_interface_but_loopback()
        {
            Write("proc/sys/net/netfilter/nf_conntrack_count", "2500\n");
            Write("proc/sys/net/netfilter/nf_conntrack_max", "10000\n");
            Write("proc/net/stat/nf_conntrack", Stat);
            Interface("lo", 1_000_000, 1_000_000, 9, 9);
            Interface("eth0", 100, 200, 1, 2);
            Interface("eth1", 1000, 2000, 0, 4);

            var read = new HostCounterReader(_root).Read();

            Assert.Equal(2500, read.ConntrackCount);
            Assert.Equal(10000, read.ConntrackMax);
            Assert.Equal(25.0, read.ConntrackUsedPercent);
            Assert.Equal(0x12, read.InsertFailed);
            Assert.Equal(0x0b + 1, read.ConntrackDrops);
            Assert.Equal(1100, read.BytesIn);
            Assert.Equal(2200, read.BytesOut);
            Assert.Equal(7, read.InterfaceDrops);
        }

        [Fact]
        public void A_host_without_conntrack_leaves_its_counters_unknown_not_zero()
        {
            Interface("eth0", 100, 200, 0, 0);
            var read = new HostCounterReader(_root).Read();
            Assert.Null(read.ConntrackCount);
            Assert.Null(read.ConntrackUsedPercent);
            Assert.Null(read.InsertFailed);
            Assert.Equal(100, read.BytesIn);
        }

        [Fact]
        public void Growth_is_the_difference_and_a_counter_that_went_down_was_reset()
        {
            var before = new HostCounters { InsertFailed = 10, ConntrackDrops = 5, InterfaceDrops = 1, BytesIn = 1000, BytesOut = 500 };
            var after = new HostCounters { InsertFailed = 13, ConntrackDrops = 5, InterfaceDrops = 3, BytesIn = 40, BytesOut = 900 };

            var growth = after.Since(before);

            Assert.Equal(3, growth.InsertFailed);
            Assert.Equal(2, growth.PacketsDropped);
            Assert.Equal(40, growth.BytesIn); // reset (an interface recreated): what it counted since
            Assert.Equal(400, growth.BytesOut);
            Assert.Null(new HostCounters().Since(before).InsertFailed);
        }
    }
}
