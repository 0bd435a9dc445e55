using System.Collections.Concurrent;
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

        private static IReadOnlyList<PropertyInfo> Find(Type type)
        {
            var members = new List<PropertyInfo>();
            for (var declaring = type; declaring != null && declaring.Assembly == typeof(QueryMembers).Assembly; declaring = declaring.BaseType)
            {
                // Metadata order is declaration order: the order the parameters go on the wire.
                members.AddRange(declaring.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                    .Where(p => p.GetIndexParameters().Length == 0)
                    .OrderBy(p => p.MetadataToken));
            }
            return members;
        }

        /// <summary>The element type of a List&lt;T&gt; member; null for any other type.</summary>
        public static Type? ListItemType(Type type) =>
            type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? type.GetGenericArguments()[0] : null;
    }
}
