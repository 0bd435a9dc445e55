using System.IO;

namespace HaNat.HostNat
{
    /// <summary>
    /// Finds a program by name. The sbin directories come first: a systemd unit or `sudo` may run HaNat with a PATH
    /// that lacks them, and that is where Debian and Amazon Linux install iptables and ip.
    /// </summary>
    internal static class ToolLocator
    {
        private static readonly string[] SystemDirectories = { "/usr/sbin", "/sbin", "/usr/bin", "/bin" };

        /// <summary>The first of <paramref name="names"/> found (earlier names win over earlier directories).</summary>
        public static string? Find(IEnumerable<string> names, string? pathVariable, Func<string, bool> isFile)
        {
            var directories = SystemDirectories
                .Concat((pathVariable ?? "").Split(new[] { ':' }, StringSplitOptions.RemoveEmptyEntries))
                .Distinct()
                .ToList();
            foreach (var name in names)
            {
                foreach (var directory in directories)
                {
                    var candidate = directory.TrimEnd('/') + "/" + name;
                    if (isFile(candidate)) return candidate;
                }
            }
            return null;
        }

        public static string? Find(params string[] names) =>
            Find(names, Environment.GetEnvironmentVariable("PATH"), File.Exists);
    }
}
