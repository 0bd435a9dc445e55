// The calls the recording cannot hold, written by hand as recorded requests would look, each with what it is
// read from. They go through the same mapping (requests.mjs) as the recorded ones.
import { region } from './input.mjs'

const state = (tags) => ({
  tags: { [region]: tags }, routeTableAssociations: {}, addressAssociations: {}, launchTemplates: {}, roles: {}, instanceProfiles: {}, groups: {},
})
const ec2 = (action, params = {}) => ({ service: 'ec2', region, action, params })
const tagSpec = (n, type, tags) => Object.fromEntries([
  [`TagSpecification.${n}.ResourceType`, type],
  ...Object.entries(tags).flatMap(([k, v], i) => [[`TagSpecification.${n}.Tag.${i + 1}.Key`, k], [`TagSpecification.${n}.Tag.${i + 1}.Value`, v]]),
])
const tagList = (tags) => Object.fromEntries(Object.entries(tags).flatMap(([k, v], i) => [[`Tag.${i + 1}.Key`, k], [`Tag.${i + 1}.Value`, v]]))

// ---- The monitor (Start-HaNatMonitor on each NAT, src/HaNat/Monitor): its reads, the heartbeat key, and marking a
// failed peer Unhealthy. Its failover takeover is Invoke-HaNatTakeover -AvailabilityZone, recorded as such. It runs
// only in the network-namespace suites, which the recorder does not see.
const natGroup = { 'hanat:managed': 'true', 'hanat:vpc-name': 'prod', Name: 'prod-nat-asg' }
export const monitor = {
  scenario: 'Start-HaNatMonitor (reads, heartbeat key, mark a failed peer Unhealthy)',
  caller: ['NatInstance'],
  requests: [
    ec2('DescribeInstances'), ec2('DescribeSubnets'), ec2('DescribeRouteTables'), // PeerDirectory
    ec2('DescribeVpcs'), // HeartbeatKeySource: the VPC's hanat:vpc-name names the key
    { service: 'ssm', region, action: 'GetParameter', params: { Name: '/hanat/prod/heartbeat-key', WithDecryption: true } },
    { service: 'autoscaling', region, action: 'DescribeAutoScalingInstances', params: {} }, // FailoverExecutor.Mark
    // SetInstanceHealth names only the instance; AWS authorizes it on the instance's group, named here for the ARN.
    { service: 'autoscaling', region, action: 'SetInstanceHealth', params: { InstanceId: 'i-0d00000000000000d', HealthStatus: 'Unhealthy', AutoScalingGroupName: 'prod-nat-asg' } },
  ],
  before: { ...state({}), groups: { 'prod-nat-asg': { arn: `arn:aws:autoscaling:${region}:123456789012:autoScalingGroup:11111111-2222-3333-4444-555555555555:autoScalingGroupName/prod-nat-asg`, tags: natGroup } } },
  after: state({}),
}

// ---- The Packer amazon plugin building packer/hanat-nat.pkr.hcl (amazon-ebs, no encrypt_boot: the launch mapping
// encrypts the volume, so no intermediary image and no CopyImage). Read from the plugin's source
// (github.com/hashicorp/packer-plugin-amazon, common/ and builder/ebs/):
//   StepPreValidate: DescribeRegions (region validation), DescribeImages (the AMI name is free);
//   StepSourceAMIInfo: DescribeImages (source_ami_filter); StepNetworkInfo: DescribeSubnets/DescribeVpcs;
//   StepKeyPair: CreateKeyPair "packer_<uuid>" with run_tags as TagSpecifications (key-pair), DeleteKeyPair at cleanup;
//   StepSecurityGroup: CreateSecurityGroup with run_tags (security-group), AuthorizeSecurityGroupIngress (SSH),
//     DeleteSecurityGroup at cleanup;
//   StepRunSourceInstance: RunInstances, TagSpecifications instance + network-interface (run_tags; plugin >= 1.2.2)
//     and volume (run_volume_tags), then DescribeInstances while it waits;
//   StepModifyEBSBackedInstance: ModifyInstanceAttribute (ena_support);
//   StepStopEBSBackedInstance: StopInstances;
//   stepCreateAMI: CreateImage with the run tags as TagSpecifications on image and snapshot, DescribeImages; on a
//     failed or cancelled build its Cleanup does DeregisterImage and DeleteSnapshot of that image;
//   StepModifyAMIAttributes: ModifyImageAttribute, once for ami_description and once for imds_support;
//   StepCreateTags: CreateTags on the image (tags) and its snapshots (snapshot_tags), already carrying the run tags;
//   StepRunSourceInstance cleanup: TerminateInstances; StepCleanupVolumes: DescribeVolumes, and DeleteVolume of a
//     volume left behind.
const build = { 'hanat:packer': 'true' }
const run = { ...build, Name: 'hanat-packer-hanat-nat-1.0.0-arm64-20260101-000000' }
const image = { ...build, Name: 'hanat-nat-1.0.0-arm64-20260101-000000', 'hanat:image': 'nat', 'hanat:version': '1.0.0' }
const ids = {
  source: 'ami-0a1a1a1a1a1a1a1a1', subnet: 'subnet-0b2b2b2b2b2b2b2b2', vpc: 'vpc-0c3c3c3c3c3c3c3c3', group: 'sg-0d4d4d4d4d4d4d4d4',
  instance: 'i-0e5e5e5e5e5e5e5e5', volume: 'vol-0f6f6f6f6f6f6f6f6', image: 'ami-0a7a7a7a7a7a7a7a7', snapshot: 'snap-0b8b8b8b8b8b8b8b8',
  key: 'packer_6f1c2b3a-0000-4000-8000-000000000000',
}
export const packer = {
  scenario: 'packer build packer/hanat-nat.pkr.hcl (amazon-ebs)',
  caller: ['PackerBuilder'],
  requests: [
    ec2('DescribeRegions'), ec2('DescribeImages'), ec2('DescribeSubnets'), ec2('DescribeVpcs'),
    ec2('CreateKeyPair', { KeyName: ids.key, ...tagSpec(1, 'key-pair', run) }),
    ec2('CreateSecurityGroup', { GroupName: 'packer_6f1c2b3a', VpcId: ids.vpc, ...tagSpec(1, 'security-group', run) }),
    ec2('DescribeSecurityGroups'),
    ec2('AuthorizeSecurityGroupIngress', { GroupId: ids.group, 'IpPermissions.1.FromPort': '22' }),
    ec2('RunInstances', {
      ImageId: ids.source, SubnetId: ids.subnet, 'SecurityGroupId.1': ids.group, KeyName: ids.key,
      ...tagSpec(1, 'instance', run), ...tagSpec(2, 'network-interface', run), ...tagSpec(3, 'volume', build),
    }),
    ec2('DescribeInstances'), ec2('DescribeInstanceStatus'),
    ec2('ModifyInstanceAttribute', { InstanceId: ids.instance, 'EnaSupport.Value': 'true' }),
    ec2('StopInstances', { 'InstanceId.1': ids.instance }),
    ec2('CreateImage', { InstanceId: ids.instance, Name: image.Name, ...tagSpec(1, 'image', run), ...tagSpec(2, 'snapshot', run) }),
    ec2('DescribeImages'),
    ec2('ModifyImageAttribute', { ImageId: ids.image, 'Description.Value': 'HaNat NAT instance' }),
    ec2('ModifyImageAttribute', { ImageId: ids.image, 'ImdsSupport.Value': 'v2.0' }),
    ec2('CreateTags', { 'ResourceId.1': ids.image, ...tagList(image) }),
    ec2('CreateTags', { 'ResourceId.1': ids.snapshot, ...tagList(image) }),
    ec2('TerminateInstances', { 'InstanceId.1': ids.instance }),
    ec2('DescribeVolumes'),
    ec2('DeleteVolume', { VolumeId: ids.volume }),
    ec2('DeleteSecurityGroup', { GroupId: ids.group }),
    ec2('DeleteKeyPair', { KeyName: ids.key }),
    // Only when the build fails or is cancelled after CreateImage (stepCreateAMI.Cleanup).
    ec2('DeregisterImage', { ImageId: ids.image }),
    ec2('DeleteSnapshot', { SnapshotId: ids.snapshot }),
  ],
  // What the build's own resources carry when it works on them: the run tags, set on create. The source image,
  // subnet and VPC are not the build's, and carry none of its tags.
  before: state({
    [ids.key]: run, [ids.group]: run, [ids.instance]: run, [ids.volume]: build, [ids.image]: run, [ids.snapshot]: run,
  }),
  after: state({}),
}
