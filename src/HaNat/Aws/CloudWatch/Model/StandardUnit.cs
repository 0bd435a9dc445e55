namespace HaNat.Aws.CloudWatch.Model
{
    /// <summary>
    /// The units HaNat's metrics use, under the SDK's names (Amazon.CloudWatch.StandardUnit is a constant class; here
    /// the unit is its text, so <c>Unit = StandardUnit.Count</c> reads the same).
    /// </summary>
    internal static class StandardUnit
    {
        public const string Count = "Count";
        public const string Seconds = "Seconds";
        public const string Percent = "Percent";
        public const string Bytes = "Bytes";
        public const string None = "None";
    }
}
