using System.Text.RegularExpressions;
using HaNat.Model;

namespace HaNat.NatDeployment
{
    internal static class NatInstanceTypes
    {
        /// <summary>Graviton: the cheapest type that forwards a small VPC's traffic.</summary>
        public const string DefaultArm64 = "t4g.nano";

        public const string DefaultX86_64 = "t3.nano";

        public static string DefaultFor(NatArchitecture architecture) =>
            architecture == NatArchitecture.Arm64 ? DefaultArm64 : DefaultX86_64;

        // Graviton families put a 'g' right after the generation digit (t4g, m7gd, c6gn, im4gn, hpc7g); a1 is the
        // first Graviton. Anything else is taken for x86_64.
        private static readonly Regex Graviton = new Regex("^([a-z]+[0-9]+g[a-z]*|a1)$", RegexOptions.CultureInvariant);

        /// <summary>The architecture a type's family name implies; a guess from the name, used only for a warning.</summary>
        public static NatArchitecture GuessArchitecture(string instanceType)
        {
            var dot = instanceType.IndexOf('.');
            var family = dot < 0 ? instanceType : instanceType.Substring(0, dot);
            return Graviton.IsMatch(family) ? NatArchitecture.Arm64 : NatArchitecture.X86_64;
        }
    }
}
