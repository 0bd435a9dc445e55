using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using System.Xml.Linq;

namespace HaNat.Aws.Query
{
    /// <summary>
    /// Reads a reply element into a model type, each member from the child element of its own name
    /// (<see cref="QueryMembers"/>): text, numbers, booleans and UTC timestamps, lists from their <c>member</c>
    /// elements, structures from their child element. A list is never null (an absent one is empty); an absent
    /// structure or value is null. A member marked with a <see cref="QueryTextAttribute"/> has its text turned
    /// into the model's value by it. A type with a parameterless constructor has its settable members set; a
    /// positional record is built through its constructor, whose parameters are its members.
    /// </summary>
    internal static class QueryReader
    {
        public static T Read<T>(XElement element) where T : new() => (T)Read(typeof(T), element);

        [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "The Query model types (HaNat.Aws.AutoScaling.Model, HaNat.Aws.Iam.Model, HaNat.Aws.CloudWatch.Model) are kept whole by the monitor's trimming roots (src/HaNat.MonitorHost/TrimmerRoots.xml); the module is never trimmed.")]
        [UnconditionalSuppressMessage("Trimming", "IL2067", Justification = "The Query model types (HaNat.Aws.AutoScaling.Model, HaNat.Aws.Iam.Model, HaNat.Aws.CloudWatch.Model) are kept whole by the monitor's trimming roots (src/HaNat.MonitorHost/TrimmerRoots.xml); the module is never trimmed.")]
        private static object Read(Type type, XElement element)
        {
            if (type.GetConstructor(Type.EmptyTypes) == null)
            {
                var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
                return constructor.Invoke(constructor.GetParameters()
                    .Select(p => Value(p.Name!, p.ParameterType, p.GetCustomAttribute<QueryTextAttribute>(), element)).ToArray());
            }
            var item = Activator.CreateInstance(type)!;
            foreach (var member in QueryMembers.Of(type))
            {
                if (member.CanWrite)
                    member.SetValue(item, Value(member.Name, member.PropertyType, member.GetCustomAttribute<QueryTextAttribute>(inherit: true), element));
            }
            return item;
        }

        [UnconditionalSuppressMessage("Trimming", "IL2067", Justification = "The Query model types (HaNat.Aws.AutoScaling.Model, HaNat.Aws.Iam.Model, HaNat.Aws.CloudWatch.Model) are kept whole by the monitor's trimming roots (src/HaNat.MonitorHost/TrimmerRoots.xml); the module is never trimmed.")]
        private static object? Value(string name, Type type, QueryTextAttribute? reading, XElement parent)
        {
            if (type == typeof(string)) return reading == null ? parent.Text(name) : reading.Read(parent.Text(name));
            if (type == typeof(int?)) return parent.Int(name);
            if (type == typeof(bool?)) return parent.Bool(name);
            if (type == typeof(DateTime?)) return parent.Date(name);
            if (QueryMembers.ListItemType(type) is Type itemType)
            {
                var list = (IList)Activator.CreateInstance(type)!;
                foreach (var entry in parent.Members(name)) list.Add(Item(itemType, entry));
                return list;
            }
            return parent.Child(name) is XElement child ? Read(type, child) : null;
        }

        /// <summary>One member of a list: text as it stands, numbers and UTC timestamps (CloudWatch's series) parsed, structures read.</summary>
        private static object Item(Type itemType, XElement entry)
        {
            if (itemType == typeof(string)) return entry.Value;
            if (itemType == typeof(double)) return double.Parse(entry.Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (itemType == typeof(DateTime))
                return DateTime.Parse(entry.Value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            return Read(itemType, entry);
        }
    }
}
