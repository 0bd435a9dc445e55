namespace HaNat.Build
{
    /// <summary>
    /// An id a build step needs that may be known only once an earlier step ran (a subnet the same build creates), or
    /// known up front (a subnet found in an existing VPC). <see cref="Label"/> names it in the step descriptions, which
    /// are written before any step runs (-WhatIf).
    /// </summary>
    internal sealed class LateId
    {
        private readonly Func<string?> _read;

        private LateId(string label, Func<string?> read)
        {
            Label = label;
            _read = read;
        }

        /// <summary>An id known now; it names itself unless a label is given.</summary>
        public static LateId Known(string id, string? label = null) => new LateId(label ?? id, () => id);

        /// <summary>An id an earlier step sets; <paramref name="read"/> returns null until then.</summary>
        public static LateId After(string label, Func<string?> read) => new LateId(label, read);

        public string Label { get; }

        /// <summary>The id; throws if the step that makes it has not run.</summary>
        public string Value => BuildContext.Required(_read());

        public override string ToString() => Label;
    }
}
