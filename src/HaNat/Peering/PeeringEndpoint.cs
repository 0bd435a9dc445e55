using Amazon.EC2;
using HaNat.Aws;

namespace HaNat.Peering
{
    /// <summary>
    /// EC2 in one region: the reads and the writes peering makes there. Internal, like every class that holds EC2
    /// client types, so that Import-Module does not load AWSSDK.EC2 (see AssemblyInfo.cs).
    /// </summary>
    internal sealed class PeeringEndpoint : IDisposable
    {
        public PeeringEndpoint(AwsSession session)
        {
            Session = session;
            Ec2 = session.CreateEc2Client();
            Reader = new PeeringReads(Ec2, session);
            Writer = new PeeringWriter(Ec2, session);
        }

        public AwsSession Session { get; }
        public IAmazonEC2 Ec2 { get; }
        public PeeringReads Reader { get; }
        public PeeringWriter Writer { get; }
        public string Region => Session.Region;

        public void Dispose() => Ec2.Dispose();
    }
}
