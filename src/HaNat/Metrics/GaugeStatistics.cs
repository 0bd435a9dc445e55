using HaNat.Aws.CloudWatch.Model;

namespace HaNat.Metrics
{
    /// <summary>
    /// The samples of a gauge over one period, kept as CloudWatch keeps them (count, sum, minimum, maximum), so that a
    /// minute of samples is one datum and Average, Minimum and Maximum still mean what they say.
    /// </summary>
    internal sealed class GaugeStatistics
    {
        public int Count { get; private set; }
        public double Sum { get; private set; }
        public double Minimum { get; private set; } = double.PositiveInfinity;
        public double Maximum { get; private set; } = double.NegativeInfinity;

        public void Add(double value)
        {
            Count++;
            Sum += value;
            Minimum = Math.Min(Minimum, value);
            Maximum = Math.Max(Maximum, value);
        }

        /// <summary>Null when nothing was sampled: no datum rather than a made-up zero.</summary>
        public StatisticSet? ToStatisticSet() => Count == 0 ? null : new StatisticSet
        {
            SampleCount = Count,
            Sum = Sum,
            Minimum = Minimum,
            Maximum = Maximum,
        };
    }
}
