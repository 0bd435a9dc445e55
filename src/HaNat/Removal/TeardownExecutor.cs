using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using HaNat.Aws;
using HaNat.Aws.AutoScaling;
using HaNat.Aws.CloudWatch;
using HaNat.Aws.CloudWatch.Model;
using HaNat.Aws.Iam;
using HaNat.Aws.Iam.Model;
using HaNat.Build;
using HaNat.NatDeployment;
using HaNat.Peering;
using HaNat.Routing;

namespace HaNat.Removal
{
    /// <summary>
    /// Runs the steps of a <see cref="TeardownPlan"/>, one call each. A target that is already gone counts as
    /// removed, so a removal that stopped half-way can simply be run again.
    /// </summary>
    internal sealed class TeardownExecutor
    {
        private readonly AwsSession _session;
        private readonly IAmazonEC2 _ec2;
        private readonly IIamClient _iam;
        private readonly IAmazonSimpleSystemsManagement _ssm;
        private readonly GroupRemoval _groupRemoval;
        private readonly ICloudWatchClient? _cloudWatch;

        public TeardownExecutor(AwsSession session, IAmazonEC2 ec2, IAutoScalingClient autoScaling, IIamClient iam,
            IAmazonSimpleSystemsManagement ssm, GroupRemoval? groupRemoval = null, ICloudWatchClient? cloudWatch = null)
        {
            _cloudWatch = cloudWatch;
            _session = session;
            _ec2 = ec2;
            _iam = iam;
            _ssm = ssm;
            _groupRemoval = groupRemoval ?? new GroupRemoval(session, ec2, autoScaling);
        }

        /// <summary>Runs one step; false when its target was already gone.</summary>
        public Task<bool> RunAsync(TeardownStep step) => step.Action switch
        {
            TeardownAction.DeleteAutoScalingGroup => _groupRemoval.DeleteAndWaitAsync(step.Id),
            TeardownAction.DisconnectPeering => DisconnectAsync(step),
            _ => AwsExistence.RemoveAsync(() => Call(step)),
        };

        /// <summary>
        /// Disconnect-HaNatVpc's plan for the VPC and its peer, read afresh and applied whole: the routes to the peering
        /// in HaNat's tables on both sides, then the connection. The first failure stops the removal, as any step's does.
        /// </summary>
        private async Task<bool> DisconnectAsync(TeardownStep step)
        {
            var vpcId = step.VpcId ?? throw new ArgumentException("DisconnectPeering needs the VPC.", nameof(step));
            using var clients = PeeringClients.Open(_session, step.OtherRegion);
            var snapshot = await PeeringSnapshot.ReadAsync(clients, vpcId, Other(step)).ConfigureAwait(false);
            // The peer VPC may be gone already; the connection then goes with it, and only this side's tables remain.
            if (snapshot.Peer.Vpc == null || snapshot.Local.Vpc == null) return false;
            var plan = DisconnectPlanner.Plan(snapshot);
            if (!plan.HasWrites) return false;
            HaNatException? failed = null;
            new DisconnectExecutor(clients).Apply(plan, (_, _) => true, ex => failed ??= ex);
            if (failed != null) throw failed;
            return true;
        }

        private Task Call(TeardownStep step)
        {
            var id = step.Id;
            var ct = _session.Cancellation;
            switch (step.Action)
            {
                case TeardownAction.DeleteAlarm:
                    // One name a call: CloudWatch refuses a whole DeleteAlarms when one of its names is gone.
                    return (_cloudWatch ?? throw new InvalidOperationException("A removal of alarms needs a CloudWatch client."))
                        .DeleteAlarmsAsync(new DeleteAlarmsRequest { AlarmNames = new List<string> { id } }, ct);
                case TeardownAction.DeleteLaunchTemplate:
                    return Ec2("DeleteLaunchTemplate", id, t => _ec2.DeleteLaunchTemplateAsync(new DeleteLaunchTemplateRequest { LaunchTemplateId = id }, t));
                case TeardownAction.RemoveRoleFromInstanceProfile:
                    return _iam.RemoveRoleFromInstanceProfileAsync(new RemoveRoleFromInstanceProfileRequest { InstanceProfileName = id, RoleName = Other(step) }, ct);
                case TeardownAction.DeleteInstanceProfile:
                    return _iam.DeleteInstanceProfileAsync(new DeleteInstanceProfileRequest { InstanceProfileName = id }, ct);
                case TeardownAction.DeleteRolePolicy:
                    return _iam.DeleteRolePolicyAsync(new DeleteRolePolicyRequest { RoleName = Other(step), PolicyName = id }, ct);
                case TeardownAction.DeleteRole:
                    return _iam.DeleteRoleAsync(new DeleteRoleRequest { RoleName = id }, ct);
                case TeardownAction.DeleteParameter:
                    return _session.Call("SSM", "DeleteParameter", id, t => _ssm.DeleteParameterAsync(new DeleteParameterRequest { Name = id }, t));
                case TeardownAction.DisassociateAddress:
                    return Ec2("DisassociateAddress", id, t => _ec2.DisassociateAddressAsync(new DisassociateAddressRequest { AssociationId = id }, t));
                case TeardownAction.ReleaseAddress:
                    return Ec2("ReleaseAddress", id, t => _ec2.ReleaseAddressAsync(new ReleaseAddressRequest { AllocationId = id }, t));
                case TeardownAction.DisassociateRouteTable:
                    return Ec2("DisassociateRouteTable", id, t => _ec2.DisassociateRouteTableAsync(new DisassociateRouteTableRequest { AssociationId = id }, t));
                case TeardownAction.DeleteRouteTable:
                    return Ec2("DeleteRouteTable", id, t => _ec2.DeleteRouteTableAsync(new DeleteRouteTableRequest { RouteTableId = id }, t));
                case TeardownAction.DeleteSubnet:
                    return Ec2("DeleteSubnet", id, t => _ec2.DeleteSubnetAsync(new DeleteSubnetRequest { SubnetId = id }, t));
                case TeardownAction.DetachInternetGateway:
                    return Ec2("DetachInternetGateway", $"{id} from {Other(step)}",
                        t => _ec2.DetachInternetGatewayAsync(new DetachInternetGatewayRequest { InternetGatewayId = id, VpcId = Other(step) }, t));
                case TeardownAction.DeleteInternetGateway:
                    return Ec2("DeleteInternetGateway", id, t => _ec2.DeleteInternetGatewayAsync(new DeleteInternetGatewayRequest { InternetGatewayId = id }, t));
                case TeardownAction.DeleteSecurityGroup:
                    return Ec2("DeleteSecurityGroup", id, t => _ec2.DeleteSecurityGroupAsync(new DeleteSecurityGroupRequest { GroupId = id }, t));
                case TeardownAction.CreateRoute:
                    return Ec2("CreateRoute", $"{id} 0.0.0.0/0 to {Other(step)}",
                        t => _ec2.CreateRouteAsync(RouteRequests.Create(id, RouteReading.DefaultDestination, RouteRequests.KindOf(Other(step)), Other(step)), t));
                case TeardownAction.ReplaceRoute:
                    return Ec2("ReplaceRoute", $"{id} 0.0.0.0/0 to {Other(step)}", t => _ec2.ReplaceRouteAsync(ReplaceDefault(id, Other(step)), t));
                case TeardownAction.DeleteRoute:
                    return Ec2("DeleteRoute", $"{id} 0.0.0.0/0",
                        t => _ec2.DeleteRouteAsync(new DeleteRouteRequest { RouteTableId = id, DestinationCidrBlock = RouteReading.DefaultDestination }, t));
                case TeardownAction.DeleteTags:
                    // By key and value: a tag someone has since given another value is theirs, and stays.
                    return Ec2("DeleteTags", $"{id} {string.Join(", ", step.Tags.Select(t => $"{t.Key}={t.Value}"))}", t => _ec2.DeleteTagsAsync(new DeleteTagsRequest
                    {
                        Resources = new List<string> { id },
                        Tags = step.Tags.Select(tag => new Amazon.EC2.Model.Tag(tag.Key, tag.Value)).ToList(),
                    }, t));
                case TeardownAction.DeleteVpc:
                    return Ec2("DeleteVpc", id, t => _ec2.DeleteVpcAsync(new DeleteVpcRequest { VpcId = id }, t));
                default:
                    throw new ArgumentOutOfRangeException(nameof(step), step.Action, "No call for this step.");
            }
        }

        /// <summary>ReplaceRoute of a table's 0.0.0.0/0 to a target recorded as text (hanat:restore-default).</summary>
        private static ReplaceRouteRequest ReplaceDefault(string tableId, string target)
        {
            var request = new ReplaceRouteRequest { RouteTableId = tableId, DestinationCidrBlock = RouteReading.DefaultDestination };
            switch (RouteRequests.KindOf(target))
            {
                case RouteTargetKind.NatGateway: request.NatGatewayId = target; break;
                case RouteTargetKind.Instance: request.InstanceId = target; break;
                case RouteTargetKind.NetworkInterface: request.NetworkInterfaceId = target; break;
                case RouteTargetKind.TransitGateway: request.TransitGatewayId = target; break;
                case RouteTargetKind.PeeringConnection: request.VpcPeeringConnectionId = target; break;
                default: request.GatewayId = target; break;
            }
            return request;
        }

        private Task Ec2<T>(string operation, string detail, Func<System.Threading.CancellationToken, Task<T>> call) =>
            _session.Call("EC2", operation, detail, call);

        private static string Other(TeardownStep step) =>
            step.Other ?? throw new ArgumentException($"{step.Action} needs a second name.", nameof(step));
    }
}
