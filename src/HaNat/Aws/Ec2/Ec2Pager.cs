namespace HaNat.Aws.Ec2
{
    /// <summary>
    /// The one pager of EC2 describe calls. Reads every page of an EC2 describe call, for every chunk of filter values: EC2 takes at most
    /// <see cref="MaxFilterValues"/> values in one filter, so a thousand VPCs cost five calls rather than one per VPC.
    /// </summary>
    internal static class Ec2Pager
    {
        public const int MaxFilterValues = 200;

        public static async Task<List<TItem>> AllAsync<TResponse, TItem>(Func<string?, Task<TResponse>> page,
            Func<TResponse, IEnumerable<TItem>?> items, Func<TResponse, string?> nextToken)
        {
            var all = new List<TItem>();
            string? token = null;
            do
            {
                var response = await page(token).ConfigureAwait(false);
                all.AddRange(items(response) ?? Enumerable.Empty<TItem>());
                var next = nextToken(response);
                // A service that hands back the token it was given would loop for ever.
                token = string.IsNullOrEmpty(next) || next == token ? null : next;
            } while (token != null);
            return all;
        }

        /// <summary>Runs <paramref name="read"/> once per chunk of <paramref name="values"/> and joins the answers.</summary>
        public static async Task<List<TItem>> ChunkedAsync<TItem>(IReadOnlyList<string> values, Func<List<string>, Task<List<TItem>>> read)
        {
            var all = new List<TItem>();
            for (var start = 0; start < values.Count; start += MaxFilterValues)
            {
                all.AddRange(await read(values.Skip(start).Take(MaxFilterValues).ToList()).ConfigureAwait(false));
            }
            return all;
        }
    }
}
