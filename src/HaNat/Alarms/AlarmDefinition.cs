namespace HaNat.Alarms
{
    /// <summary>
    /// One kind of alarm HaNat makes for each zone: the metric it watches (<see cref="Metrics.HaNatMetrics"/>), how,
    /// and what it does when the metric is not there. Every one is on 1-minute periods: each NAT publishes once a minute.
    /// </summary>
    internal sealed record AlarmDefinition(
        string Suffix,
        string MetricName,
        string Statistic,
        string ComparisonOperator,
        double Threshold,
        int EvaluationPeriods,
        string TreatMissingData,
        string Description)
    {
        /// <summary>Seconds: the NATs publish once a minute, so a shorter period would only see gaps.</summary>
        public const int PeriodSeconds = 60;

        /// <summary>Every period of the window must breach: a single bad minute is not an alarm.</summary>
        public int DatapointsToAlarm => EvaluationPeriods;
    }
}
