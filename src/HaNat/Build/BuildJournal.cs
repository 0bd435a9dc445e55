namespace HaNat.Build
{
    /// <summary>
    /// What a build has created so far, each with the step that undoes it. When a later step fails, the build
    /// rolls the journal back in reverse, so a failure half-way leaves nothing behind. A failed undo does not stop
    /// the others: every undo is tried, and the failures are returned for the error message.
    /// </summary>
    internal sealed class BuildJournal
    {
        private readonly List<Entry> _entries = new List<Entry>();

        public int Count => _entries.Count;

        public IReadOnlyList<string> Created => _entries.ConvertAll(e => e.Description);

        /// <summary>Records that <paramref name="description"/> now exists and how to remove it.</summary>
        public void Record(string description, Func<Task> undo) => _entries.Add(new Entry(description, undo));

        public async Task<IReadOnlyList<string>> RollBackAsync(Action<string> log)
        {
            var failures = new List<string>();
            for (var i = _entries.Count - 1; i >= 0; i--)
            {
                var entry = _entries[i];
                try
                {
                    await entry.Undo().ConfigureAwait(false);
                    log("rolled back " + entry.Description);
                }
                catch (Exception ex)
                {
                    failures.Add($"{entry.Description}: {ex.Message}");
                    log($"could not roll back {entry.Description}: {ex.Message}");
                }
            }
            _entries.Clear();
            return failures;
        }

        private sealed class Entry
        {
            public Entry(string description, Func<Task> undo)
            {
                Description = description;
                Undo = undo;
            }

            public string Description { get; }
            public Func<Task> Undo { get; }
        }
    }
}
