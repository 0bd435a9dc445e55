using System.IO;

namespace HaNat.HostNat
{
    /// <summary>Reads the interfaces of this network namespace from /sys/class/net and /proc. The only I/O of the checks.</summary>
    internal static class SysClassNet
    {
        public const string Root = "/sys/class/net";

        public static IReadOnlyDictionary<string, InterfaceFacts> ReadAll()
        {
            var interfaces = new Dictionary<string, InterfaceFacts>(StringComparer.Ordinal);
            if (!Directory.Exists(Root)) return interfaces;
            // Entries are symlinks to the devices; listing entries, not directories, sees them all.
            foreach (var entry in Directory.GetFileSystemEntries(Root))
            {
                var name = Path.GetFileName(entry);
                interfaces[name] = new InterfaceFacts(name,
                    ReadText($"{Root}/{name}/address"),
                    ReadText($"{Root}/{name}/operstate"),
                    InterfaceFacts.ParseFlags(ReadText($"{Root}/{name}/flags")),
                    InterfaceFacts.ParseCarrier(ReadText($"{Root}/{name}/carrier")));
            }
            return interfaces;
        }

        /// <summary>A small kernel file's text, or null when it is missing or the kernel refuses the read (carrier of a down link).</summary>
        public static string? ReadText(string path)
        {
            try
            {
                return File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return null;
            }
        }
    }
}
