// The trim analysis's attributes, which netstandard2.0 does not have. The trimmer and the Native AOT compiler of the
// monitor's image build (src/HaNat.MonitorHost) recognize them by name, so internal copies are how a library on an
// older target says what its reflection needs; at run time they do nothing.
namespace System.Diagnostics.CodeAnalysis
{
    /// <summary>Silences one trim-analysis warning where the code says why it is safe.</summary>
    [AttributeUsage(AttributeTargets.All, Inherited = false, AllowMultiple = true)]
    internal sealed class UnconditionalSuppressMessageAttribute : Attribute
    {
        public UnconditionalSuppressMessageAttribute(string category, string checkId)
        {
            Category = category;
            CheckId = checkId;
        }

        public string Category { get; }

        public string CheckId { get; }

        public string? Justification { get; set; }
    }
}
