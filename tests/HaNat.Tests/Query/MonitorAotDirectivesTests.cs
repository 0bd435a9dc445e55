using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using HaNat.Aws.Query;
using Xunit;

namespace HaNat.Tests.Query
{
    /// <summary>
    /// The monitor's Native AOT build keeps a constructor for reflection only where it is told to: QueryReader makes
    /// each List&lt;T&gt; of a Query model it reads with Activator.CreateInstance, so every such list type must be named
    /// in src/HaNat.MonitorHost/rd.xml, or the native monitor fails to read that reply (a lifecycle hook it cannot
    /// complete, a mark it cannot check). This keeps the file complete as the models grow.
    /// </summary>
    public sealed class MonitorAotDirectivesTests
    {
        private static readonly string[] ModelNamespaces = { "HaNat.Aws.AutoScaling.Model", "HaNat.Aws.Iam.Model", "HaNat.Aws.CloudWatch.Model" };

        // A type nested in a cmdlet cannot say its namespace without PowerShell's assembly, which the test host lacks.
        private static bool InModels(Type type)
        {
            try
            {
                return ModelNamespaces.Contains(type.Namespace);
            }
            catch (FileNotFoundException)
            {
                return false;
            }
        }

        private static string DirectivesPath([CallerFilePath] string here = "") =>
            Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "src", "HaNat.MonitorHost", "rd.xml"));

        [Fact]
        public void Every_list_a_Query_model_holds_is_named_in_the_monitor_s_runtime_directives()
        {
            var models = QueryModelTests.LoadableTypes().Where(InModels).ToList();
            Assert.NotEmpty(models);
            var required = models
                .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.PropertyType)
                    .Concat(t.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => p.ParameterType)))
                .Where(t => QueryMembers.ListItemType(t) != null)
                .Select(t => QueryMembers.ListItemType(t)!)
                .Distinct()
                .Select(item => $"System.Collections.Generic.List`1[[{item.FullName},{item.Assembly.GetName().Name}]]")
                .OrderBy(n => n, StringComparer.Ordinal)
                .ToList();
            Assert.Contains("System.Collections.Generic.List`1[[System.String,System.Private.CoreLib]]", required);

            var directives = XDocument.Load(DirectivesPath());
            var named = directives.Descendants().Where(e => e.Name.LocalName == "Type")
                .Select(e => (string)e.Attribute("Name")!)
                .OrderBy(n => n, StringComparer.Ordinal)
                .ToList();
            Assert.Equal(required, named);
        }
    }
}
