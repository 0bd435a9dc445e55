using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace HaNat.Aws.Query
{
    /// <summary>
    /// The members of a Query model type: its public instance properties, named as the API names them, in the
    /// order they are declared (a type's own before those it inherits). Only HaNat's own declarations count:
    /// the SDK's base types carry plumbing, not parameters.
    /// </summary>
    internal static class QueryMembers
    {
        private static readonly ConcurrentDictionary<Type, IReadOnlyList<PropertyInfo>> Cache =
            new ConcurrentDictionary<Type, IReadOnlyList<PropertyInfo>>();

        public static IReadOnlyList<PropertyInfo> Of(Type type) => Cache.GetOrAdd(type, Find);

        [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "The Query model types (HaNat.Aws.AutoScaling.Model, HaNat.Aws.Iam.Model, HaNat.Aws.CloudWatch.Model) are kept whole by the monitor's trimming roots (src/HaNat.MonitorHost/TrimmerRoots.xml); the module is never trimmed.")]
        private static IReadOnlyList<PropertyInfo> Find(Type type)
        {
            var members = new List<PropertyInfo>();
            for (var declaring = type; declaring != null && declaring.Assembly == typeof(QueryMembers).Assembly; declaring = declaring.BaseType)
            {
                // Metadata order is declaration order: the order the parameters go on the wire.
                members.AddRange(declaring.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                    .Where(p => p.GetIndexParameters().Length == 0)
                    .OrderBy(DeclarationOrder));
            }
            return members;
        }

        /// <summary>
        /// A property's metadata token, which orders a type's properties as declared. Native AOT (the monitor's build)
        /// keeps no tokens and throws; there GetProperties already lists them as declared, and the stable sort keeps that.
        /// </summary>
        private static int DeclarationOrder(PropertyInfo property)
        {
            try
            {
                return property.MetadataToken;
            }
            catch (InvalidOperationException)
            {
                return 0;
            }
        }

        /// <summary>The element type of a List&lt;T&gt; member; null for any other type.</summary>
        public static Type? ListItemType(Type type) =>
            type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? type.GetGenericArguments()[0] : null;
    }
}
