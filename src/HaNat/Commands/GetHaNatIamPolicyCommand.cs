using System.Management.Automation;
using HaNat.Model;
using HaNat.Policies;

namespace HaNat.Commands
{
    /// <summary>
    /// Writes one of HaNat's IAM policies as JSON, ready for `aws iam put-role-policy --policy-document` or
    /// CreatePolicy: NatInstance for the NATs' role, PackerBuilder for the image build, Operator for whoever runs
    /// New-HaNatVpc and its kin. No AWS call is made.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "HaNatIamPolicy")]
    [OutputType(typeof(string))]
    public sealed class GetHaNatIamPolicyCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        public HaNatPolicyKind For { get; set; }

        /// <summary>The partition of the ARNs: aws, aws-cn, aws-us-gov.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.PartitionCompleter))]
        public string Partition { get; set; } = "aws";

        /// <summary>The region the ARNs name; * (the default) for any.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.RegionCompleter))]
        public string Region { get; set; } = "*";

        /// <summary>The 12-digit account the ARNs name; * (the default) for any.</summary>
        [Parameter]
        [Alias("Account")]
        [ValidateNotNullOrEmpty]
        public string AccountId { get; set; } = "*";

        /// <summary>
        /// The tag that marks the private subnets, key=value, as given to Invoke-HaNatTakeover and Start-HaNatMonitor
        /// (default network=private, which New-HaNatVpc uses): NatInstance and Operator associate route tables only
        /// with subnets that carry it.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string PrivateSubnetTag { get; set; } = Tagging.PrivateSubnetTag.Default;

        /// <summary>The NAT role's trust policy (who may assume it) instead of its permissions; -For NatInstance only.</summary>
        [Parameter]
        public SwitchParameter TrustPolicy { get; set; }

        /// <summary>One line instead of indented JSON.</summary>
        [Parameter]
        public SwitchParameter Compress { get; set; }

        protected override void EndProcessing()
        {
            try
            {
                if (TrustPolicy.IsPresent && For != HaNatPolicyKind.NatInstance)
                {
                    throw new HaNatException("TrustPolicyOnlyForNatInstance", HaNatErrorKind.InvalidArgument,
                        $"-TrustPolicy gives the NAT role's trust policy; a {For} policy is attached to a user or role of your own. Use -For NatInstance -TrustPolicy, or leave -TrustPolicy out.")
                    { Target = For };
                }
                var context = new ArnContext(Partition, Region, AccountId);
                var tag = Tagging.PrivateSubnetTag.Parse(PrivateSubnetTag);
                var document = TrustPolicy.IsPresent ? IamPolicies.Ec2TrustPolicy : IamPolicies.For(For, tag);
                WriteObject(document.ToJson(context, indented: !Compress.IsPresent));
            }
            catch (HaNatException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, ex.ErrorId, HaNatCmdlet.CategoryOf(ex.Kind), ex.Target));
            }
        }
    }
}
