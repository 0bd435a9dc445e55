using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using Amazon.EC2.Model;
using HaNat.Tagging;

namespace HaNat.Completion
{
    /// <summary>
    /// -Name of an existing HaNat VPC: the hanat:vpc-name tags of the region's HaNat VPCs, read as Get-HaNatVpc
    /// finds them (one DescribeVpcs) with the command line's AWS parameters. Cut off after <see cref="Limit"/>; no
    /// answer, no completions, never an error.
    /// </summary>
    internal sealed class VpcNameCompleter : IArgumentCompleter
    {
        internal static readonly TimeSpan Limit = TimeSpan.FromSeconds(3);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                var inputs = CompletionSession.Inputs(fakeBoundParameters);
                var region = CompletionSession.Region(inputs);
                if (region == null) return Array.Empty<CompletionResult>();
                var names = CompletionSession.TryRead(inputs, region, Limit, async session =>
                {
                    using var ec2 = CompletionSession.CreateEc2Client(session);
                    var vpcs = await new HaNat.Aws.Ec2.Ec2Reads(ec2, session).VpcsAsync(new List<Filter>
                    {
                        new Filter("tag:" + HaNatTags.Managed, new List<string> { HaNatTags.ManagedValue }),
                        new Filter("tag-key", new List<string> { HaNatTags.VpcName }),
                    }).ConfigureAwait(false);
                    return (IReadOnlyList<(string Name, string VpcId)>)vpcs
                        .Where(v => HaNatTags.IsManaged(v.Tags))
                        .Where(v => v.Tags.TryGetValue(HaNatTags.VpcName, out var name) && !string.IsNullOrEmpty(name))
                        .Select(v => (Name: v.Tags[HaNatTags.VpcName], VpcId: v.Id))
                        .OrderBy(n => n.Name, StringComparer.OrdinalIgnoreCase).ToList();
                });
                if (names == null) return Array.Empty<CompletionResult>();
                var vpcOf = names.GroupBy(n => n.Name).ToDictionary(g => g.Key, g => string.Join(", ", g.Select(n => n.VpcId)));
                return CompletionMatches.For(names.Select(n => n.Name), wordToComplete, name => $"{name} ({vpcOf[name]} in {region})");
            }
            catch (Exception)
            {
                return Array.Empty<CompletionResult>();
            }
        }
    }
}
