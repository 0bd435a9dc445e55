using System;
using System.Linq;
using System.Reflection;
using HaNat.Aws.Query;
using Xunit;

namespace HaNat.Tests.Query
{
    /// <summary>
    /// The conventions the one call path relies on, checked over every Query request HaNat has: a request's type
    /// name gives its action, and its response is named after the same action, as in the SDK.
    /// </summary>
    public sealed class QueryModelTests
    {
        private static readonly Type[] Requests = LoadableTypes()
            .Where(t => !t.IsAbstract && typeof(QueryRequest).IsAssignableFrom(t)).ToArray();

        // The cmdlets' types need PowerShell's assembly, which the test host lacks; the model's types do not.
        internal static Type[] LoadableTypes()
        {
            try
            {
                return typeof(QueryRequest).Assembly.GetTypes();
            }
            catch (ReflectionTypeLoadException ex)
            {
                return ex.Types.Where(t => t != null).ToArray()!;
            }
        }

        [Fact]
        public void EveryRequestIsNamedForItsActionAndReturnsThatActionsResponse()
        {
            Assert.Equal(31, Requests.Length); // CloudWatch: PutMetricData, GetMetricData, PutMetricAlarm, DescribeAlarms, DeleteAlarms, ListTagsForResource
            foreach (var type in Requests)
            {
                var action = ((QueryRequest)Activator.CreateInstance(type)!).Action;
                Assert.Equal(action + "Request", type.Name);
                var response = type.BaseType!;
                while (!response.IsGenericType || response.GetGenericTypeDefinition() != typeof(QueryRequest<>)) response = response.BaseType!;
                Assert.Equal(action + "Response", response.GetGenericArguments()[0].Name);
            }
        }

        [Fact]
        public void EveryRequestHasParameters()
        {
            // Each request's parameters come from its public properties; one with none would send a bare action.
            foreach (var type in Requests) Assert.NotEmpty(QueryMembers.Of(type));
        }
    }
}
