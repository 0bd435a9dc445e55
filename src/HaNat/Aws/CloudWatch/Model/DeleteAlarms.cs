// Shaped like Amazon.CloudWatch.Model in AWSSDK.CloudWatch v4 (same names, nullable value types, reference types
// without nullable annotations), so code written against it compiles unchanged the day that package replaces this one.
#nullable disable
using Amazon.Runtime;
using HaNat.Aws.Query;

namespace HaNat.Aws.CloudWatch.Model
{
    /// <summary>Deletes alarms by name. CloudWatch refuses the whole call (ResourceNotFound) when one of them does not exist.</summary>
    internal class DeleteAlarmsRequest : QueryRequest<DeleteAlarmsResponse>
    {
        public List<string> AlarmNames { get; set; }

        internal override string LogDetail => string.Join(",", AlarmNames ?? Enumerable.Empty<string>());
    }

    internal class DeleteAlarmsResponse : AmazonWebServiceResponse
    {
    }
}
