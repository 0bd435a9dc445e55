// From a recorded request (service, Action, parameters) to what IAM authorizes: the action, once per resource ARN
// the request is authorized against (AWS's Service Authorization Reference, through iam-data), with the condition
// keys it carries: the tags that resource has at that moment, the tags a create puts on what it makes.
//
// moto evaluates no IAM and returns no responses in its recording, so this file fills the gaps by hand, each said
// where it is filled: the id of a new resource is unknown (a placeholder "new" id stands for it), tag-on-create's
// second authorization (ec2:CreateTags with ec2:CreateAction) is added here, and so are the authorizations AWS
// makes beyond the call itself (iam:PassRole, ec2:RunInstances for a group's launch template).
import { actionDetails } from './authdata.mjs'
import { account } from './input.mjs'

// ---- The mapping table: every call HaNat makes. A call not listed here fails the check (a new call must be
// mapped, and so judged against a policy). `creates`: the EC2 resource type it makes, tagged by its TagSpecifications.
const EC2_CALLS = {
  CreateVpc: { creates: 'vpc' },
  CreateSubnet: { creates: 'subnet' },
  CreateRouteTable: { creates: 'route-table' },
  CreateInternetGateway: { creates: 'internet-gateway' },
  CreateSecurityGroup: { creates: 'security-group' },
  AllocateAddress: { creates: 'elastic-ip' },
  CreateLaunchTemplate: { creates: 'launch-template' },
  CreateVpcPeeringConnection: { creates: 'vpc-peering-connection' },
  CreateKeyPair: { creates: 'key-pair' },
  // RunInstances always makes an interface and a root volume; CreateImage always makes the snapshots.
  RunInstances: { creates: ['instance', 'network-interface', 'volume'] },
  CreateImage: { creates: ['image', 'snapshot'] },
  // A new rule is a resource of its own (security-group-rule), untagged unless the request tags it.
  AuthorizeSecurityGroupIngress: { creates: 'security-group-rule' },
  AuthorizeSecurityGroupEgress: { creates: 'security-group-rule' },
  ModifyVpcAttribute: {}, AttachInternetGateway: {}, DetachInternetGateway: {},
  AssociateRouteTable: {}, DisassociateRouteTable: {}, CreateRoute: {}, ReplaceRoute: {}, DeleteRoute: {},
  ModifyInstanceAttribute: {}, AssociateAddress: {}, DisassociateAddress: {}, ReleaseAddress: {},
  AssignPrivateIpAddresses: {}, UnassignPrivateIpAddresses: {},
  RevokeSecurityGroupIngress: {}, RevokeSecurityGroupEgress: {}, AcceptVpcPeeringConnection: {},
  DeleteLaunchTemplate: {}, DeleteSecurityGroup: {}, DeleteRouteTable: {}, DeleteSubnet: {}, DeleteInternetGateway: {},
  DeleteVpcPeeringConnection: {}, DeleteVpc: {}, CreateTags: {}, DeleteTags: {},
  StopInstances: {}, TerminateInstances: {}, DeleteVolume: {}, ModifyImageAttribute: {}, DeregisterImage: {},
  DeleteSnapshot: {}, DeleteKeyPair: {}, DeleteNatGateway: {},
  CreateLaunchTemplateVersion: {}, ModifyLaunchTemplate: {},
}
const IAM_ROLE_CALLS = ['CreateRole', 'GetRole', 'TagRole', 'ListRoleTags', 'PutRolePolicy', 'GetRolePolicy', 'ListRolePolicies',
  'DeleteRolePolicy', 'ListInstanceProfilesForRole', 'DeleteRole']
const IAM_PROFILE_CALLS = ['CreateInstanceProfile', 'GetInstanceProfile', 'TagInstanceProfile', 'AddRoleToInstanceProfile',
  'RemoveRoleFromInstanceProfile', 'DeleteInstanceProfile']
const GROUP_CALLS = ['CreateAutoScalingGroup', 'UpdateAutoScalingGroup', 'SetDesiredCapacity', 'CreateOrUpdateTags',
  'DeleteAutoScalingGroup', 'SetInstanceHealth', 'CompleteLifecycleAction', 'AttachInstances', 'TerminateInstanceInAutoScalingGroup']
const PARAMETER_CALLS = ['PutParameter', 'GetParameter', 'GetParameters', 'AddTagsToResource', 'DeleteParameter']
// CloudWatch's alarm calls (signing name monitoring; IAM's prefix cloudwatch), each authorized on the alarms it names.
const ALARM_CALLS = ['PutMetricAlarm', 'DescribeAlarms', 'ListTagsForResource', 'DeleteAlarms']
// Reads: Describe* of EC2 and Auto Scaling, authorized on "*" (IAM cannot scope them).
const isRead = (service, action) => (service === 'ec2' || service === 'autoscaling') && action.startsWith('Describe')
// CloudWatch signs as "monitoring" and authorizes as "cloudwatch"; GetMetricData (Get-HaNatVpc -Status) has no
// resource type: "*" only.
const CLOUDWATCH_READS = ['GetMetricData']

// EC2 ids → their resource type in ARNs.
const ID_TYPES = {
  vpc: 'vpc', subnet: 'subnet', rtb: 'route-table', igw: 'internet-gateway', sg: 'security-group', eipalloc: 'elastic-ip',
  i: 'instance', eni: 'network-interface', lt: 'launch-template', pcx: 'vpc-peering-connection', ami: 'image',
  snap: 'snapshot', vol: 'volume', nat: 'natgateway',
}
const ID = /^([a-z]+)-[0-9a-f]{8,17}$/
const typeOfId = (id) => ID_TYPES[id.match(ID)?.[1]]

// Tag.N.Key with its Tag.N.Value when there is one (DeleteTags may name a key alone): [{ key, value }]
const tagListOf = (params) => Object.entries(params)
  .filter(([k]) => /^Tag\.\d+\.Key$/.test(k))
  .map(([k, key]) => ({ key, value: params[k.replace(/Key$/, 'Value')] }))

/** An EC2 ARN: images and snapshots have no account in theirs. */
export function ec2Arn(region, type, id) {
  const owner = type === 'image' || type === 'snapshot' ? '' : account
  return `arn:aws:ec2:${region}:${owner}:${type}/${id}`
}

const tagsOfParams = (params, prefix) => {
  const tags = {}
  for (const [key, value] of Object.entries(params)) {
    const m = key.match(new RegExp(`^${prefix.replace(/\./g, '\\.')}(\\d+)\\.Key$`))
    if (m) tags[value] = params[`${prefix}${m[1]}.Value`] ?? ''
  }
  return tags
}

// TagSpecification.N.ResourceType + TagSpecification.N.Tag.M.Key/Value → { type: tags }
function tagSpecifications(params) {
  const specs = {}
  for (const [key, value] of Object.entries(params)) {
    const m = key.match(/^TagSpecification\.(\d+)\.ResourceType$/)
    if (m) specs[value] = tagsOfParams(params, `TagSpecification.${m[1]}.Tag.`)
  }
  return specs
}

const requestTagKeys = (tags) => {
  const keys = {}
  for (const [k, v] of Object.entries(tags)) keys[`aws:RequestTag/${k}`] = v
  if (Object.keys(tags).length) keys['aws:TagKeys'] = Object.keys(tags)
  return keys
}

const resourceTagKeys = (service, tags) => {
  const keys = {}
  for (const [k, v] of Object.entries(tags ?? {})) {
    keys[`aws:ResourceTag/${k}`] = v
    keys[`${service}:ResourceTag/${k}`] = v
  }
  return keys
}

/**
 * What one scenario knew at each moment: tags per region and id (before the scenario, else after it: what it
 * created), and the IAM names it created along the way.
 */
export class ScenarioState {
  constructor(scenario) {
    this.before = scenario.before
    this.after = scenario.after
    this.createdRoles = {}
    this.createdProfiles = {}
    this.requests = scenario.requests
  }

  tagsOf(region, id, index) {
    // moto gap: AWS keeps a cross-region peering connection's tags per region, and the accepter's copy starts with
    // none; moto shows the requester's tags in both. In the accepter's region, only tags written there count.
    const peering = this.peeringOf(id)
    if (peering && peering.crossRegion && region !== peering.requesterRegion) {
      const tags = {}
      for (const r of this.requests.slice(0, index)) {
        if (r.service === 'ec2' && r.action === 'CreateTags' && r.region === region && Object.values(r.params).includes(id)) {
          Object.assign(tags, tagsOfParams(r.params, 'Tag.'))
        }
      }
      return tags
    }
    // A resource that was there before the scenario: its tags then, with the scenario's own CreateTags and DeleteTags
    // on it up to this request (Add-HaNatVpc tags the VPC, then puts the deployment's group in it).
    const before = this.before.tags[region]?.[id]
    if (before !== undefined || this.before.vpcOf?.[id] !== undefined) return this.retagged(region, id, index, before ?? {})
    // What the scenario made: its tags after it, or, for what it made and deleted again (a rollback), what it made.
    return this.after.tags[region]?.[id] ?? this.madeAndGone(region, typeOfId(id), index)
  }

  retagged(region, id, index, tags) {
    const now = { ...tags }
    for (const r of this.requests.slice(0, index)) {
      if (r.service !== 'ec2' || r.region !== region || (r.action !== 'CreateTags' && r.action !== 'DeleteTags')) continue
      if (!Object.entries(r.params).some(([k, v]) => /^ResourceId\.\d+$/.test(k) && v === id)) continue
      const named = tagListOf(r.params)
      if (r.action === 'CreateTags') for (const { key, value } of named) now[key] = value ?? ''
      else if (named.length === 0) for (const key of Object.keys(now)) { if (!key.startsWith('aws:')) delete now[key] } // no key: every tag
      else for (const { key, value } of named) { if (value === undefined || now[key] === value) delete now[key] }
    }
    return now
  }

  /**
   * moto's recording holds no responses, so the id of a resource the scenario made and deleted again (a rollback)
   * is in no state read: it carries the tags that every create of its type in the scenario put on what it made
   * (their common part: a condition on those holds whichever of them it was).
   */
  madeAndGone(region, type, index) {
    let common
    for (const r of this.requests.slice(0, index)) {
      if (r.service !== 'ec2' || r.region !== region || !EC2_CALLS[r.action]?.creates) continue
      const made = tagSpecifications(r.params)[type]
      if (![EC2_CALLS[r.action].creates].flat().includes(type) && !made) continue
      const tags = made ?? {}
      common = common === undefined ? { ...tags } : Object.fromEntries(Object.entries(common).filter(([k, v]) => tags[k] === v))
    }
    return common ?? {}
  }

  /**
   * The table and subnet a route table association joins: from the state before or after the scenario, or, for one
   * the scenario made and undid (a rollback), the one AssociateRouteTable of the scenario whose pair is gone after it.
   */
  associationOf(id, index) {
    const known = this.before.routeTableAssociations[id] ?? this.after.routeTableAssociations?.[id]
    if (known) return known
    const after = Object.values(this.after.routeTableAssociations ?? {})
    const gone = this.requests.slice(0, index)
      .filter((r) => r.service === 'ec2' && r.action === 'AssociateRouteTable')
      .map((r) => ({ routeTableId: r.params.RouteTableId, subnetId: r.params.SubnetId }))
      .filter((a) => !after.some((b) => b.routeTableId === a.routeTableId && b.subnetId === a.subnetId))
    return gone.length === 1 ? gone[0] : undefined
  }

  peeringOf(id) {
    if (!id.startsWith('pcx-')) return undefined
    for (const r of this.requests) {
      if (r.action !== 'CreateVpcPeeringConnection') continue
      const peerRegion = r.params.PeerRegion ?? r.region
      const accepted = this.requests.find((a) => a.action === 'AcceptVpcPeeringConnection' && a.params.VpcPeeringConnectionId === id)
      if (accepted || this.before.tags[r.region]?.[id] || this.after.tags[r.region]?.[id]) {
        return { requesterRegion: r.region, accepterRegion: peerRegion, crossRegion: peerRegion !== r.region, accepterVpc: r.params.PeerVpcId, requesterVpc: r.params.VpcId }
      }
    }
    return undefined
  }

  vpcOf(id) { return this.before.vpcOf?.[id] ?? this.after.vpcOf?.[id] }

  rolePath(name) { return this.createdRoles[name] ?? this.before.roles[name] ?? '/' }
  profilePath(name) { return this.createdProfiles[name] ?? this.before.instanceProfiles[name] ?? '/' }
  group(name) { return this.before.groups[name] ?? this.after.groups[name] }
}

/** Every authorization one recorded request needs: [{ action, resource, resourceType, context }]. */
export async function authorizationsOf(request, state, index) {
  const { service, action } = request
  const iamAction = `${service}:${action}`
  if (service === 'sts' && action === 'GetCallerIdentity') return [] // needs no permission
  if (isRead(service, action)) return [{ action: iamAction, resource: '*', resourceType: '*', context: {} }]
  if (service === 'monitoring' && CLOUDWATCH_READS.includes(action)) return [{ action: `cloudwatch:${action}`, resource: '*', resourceType: '*', context: {} }]
  if (service === 'ec2' && EC2_CALLS[action]) return ec2Authorizations(request, state, index)
  if (service === 'iam' && (IAM_ROLE_CALLS.includes(action) || IAM_PROFILE_CALLS.includes(action))) return iamAuthorizations(request, state)
  if (service === 'autoscaling' && GROUP_CALLS.includes(action)) return groupAuthorizations(request, state, index)
  if (service === 'ssm' && PARAMETER_CALLS.includes(action)) return parameterAuthorizations(request)
  // CloudWatch signs as "monitoring"; IAM names its actions cloudwatch:*. PutMetricData has no resource type: it is
  // authorized on "*", with the namespace it writes in as cloudwatch:namespace.
  if (service === 'monitoring' && action === 'PutMetricData') {
    return [{ action: 'cloudwatch:PutMetricData', resource: '*', resourceType: '*', context: { 'cloudwatch:namespace': request.params.Namespace } }]
  }
  if (service === 'monitoring' && ALARM_CALLS.includes(action)) return alarmAuthorizations(request)
  throw new Error(`the IAM check does not know ${iamAction}: add it to tests/iam/lib/requests.mjs and to the policy of its caller`)
}

async function ec2Authorizations(request, state, index) {
  const { action, region, params } = request
  const iamAction = `ec2:${action}`
  const details = await actionDetails(iamAction)
  if (!details) throw new Error(`${iamAction} is not an action in AWS's authorization data`)
  const typesOfAction = new Set(details.resourceTypes.map((r) => r.name))
  const out = []
  const add = (type, arn, context) => {
    if (typesOfAction.has(type) && !out.some((a) => a.resource === arn)) out.push({ action: iamAction, resource: arn, resourceType: type, context })
  }
  // EC2 supplies the VPC a resource is in as ec2:Vpc (an ARN).
  const inVpc = (vpcId, inRegion = region) => (vpcId ? { 'ec2:Vpc': ec2Arn(inRegion, 'vpc', vpcId) } : {})
  const existing = (type, id, inRegion = region) => add(type, ec2Arn(inRegion, type, id),
    { ...resourceTagKeys('ec2', state.tagsOf(inRegion, id, index)), ...inVpc(state.vpcOf(id), inRegion) })

  // What the call makes, with the tags it asks for (EC2 authorizes the create with aws:RequestTag), and then
  // tag-on-create: ec2:CreateTags on each new resource, with ec2:CreateAction naming the call.
  const specs = tagSpecifications(params)
  const created = EC2_CALLS[action].creates
  if (created) {
    const newTypes = new Set([...[created].flat(), ...Object.keys(specs)])
    for (const type of newTypes) {
      const id = type === 'key-pair' ? (params.KeyName ?? 'new') : `${Object.entries(ID_TYPES).find(([, t]) => t === type)?.[0] ?? type}-new`
      add(type, ec2Arn(region, type, id), { ...requestTagKeys(specs[type] ?? {}), ...inVpc(params.VpcId) })
      if (specs[type]) {
        out.push({
          action: 'ec2:CreateTags', resource: ec2Arn(region, type, id), resourceType: type,
          context: { ...requestTagKeys(specs[type]), 'ec2:CreateAction': action },
        })
      }
    }
  }
  // Every id the request names is a resource it may be authorized on; iam-data says which types count.
  for (const [key, value] of Object.entries(params)) {
    if (typeof value !== 'string' || key.startsWith('Filter') || key === 'Action') continue
    const m = value.match(ID)
    if (m && ID_TYPES[m[1]]) {
      const type = ID_TYPES[m[1]]
      // The accepter's VPC of a cross-region peering is in the peer region.
      const inRegion = key === 'PeerVpcId' && params.PeerRegion ? params.PeerRegion : region
      existing(type, value, inRegion)
    }
    if (/^rtbassoc-/.test(value)) {
      const association = state.associationOf(value, index)
      if (!association) throw new Error(`${iamAction}: the check cannot tell which table and subnet ${value} joins (in no state read, and no single association the scenario made)`)
      if (association.routeTableId) existing('route-table', association.routeTableId)
      if (association.subnetId) existing('subnet', association.subnetId)
    }
    if (/^eipassoc-/.test(value)) {
      const association = state.before.addressAssociations[value]
      if (association?.allocationId) existing('elastic-ip', association.allocationId)
    }
  }
  // Key pairs go by name in their ARN (key-pair/<name>).
  if (params.KeyName && action !== 'CreateKeyPair') existing('key-pair', params.KeyName)
  if (action === 'DeleteLaunchTemplate' && params.LaunchTemplateName) {
    const name = params.LaunchTemplateName
    const id = state.before.launchTemplates[name] ?? state.after.launchTemplates?.[name]
    // One the scenario made and deleted again (a rollback) is in no state read: the tags its create gave it.
    if (id) existing('launch-template', id)
    else add('launch-template', ec2Arn(region, 'launch-template', `lt-${name}`), resourceTagKeys('ec2', state.madeAndGone(region, 'launch-template', index)))
  }
  if (action === 'AcceptVpcPeeringConnection') {
    const peering = state.peeringOf(params.VpcPeeringConnectionId)
    if (peering?.accepterVpc) existing('vpc', peering.accepterVpc, peering.accepterRegion)
  }
  if (action === 'CreateTags' || action === 'DeleteTags') {
    // A CreateTags of its own (not tag-on-create): the tags it writes are request tags; a DeleteTags's keys are
    // aws:TagKeys (none when it names no key, and then it deletes every tag).
    for (const a of out) Object.assign(a.context, requestTagKeys(tagsOfParams(params, 'Tag.')))
  }
  if (action === 'RunInstances' && params['LaunchTemplate.LaunchTemplateId']) launchedFromTemplate(request, state, index, out, add)
  // A spot launch (Update-HaNatVpc -Spot's new NATs) is authorized on the new spot request too, which carries no
  // tag and no ec2:LaunchTemplate (added after the template's keys, which EC2 does not supply for it).
  if (action === 'RunInstances' && params['InstanceMarketOptions.MarketType'] === 'spot') add('spot-instances-request', ec2Arn(region, 'spot-instances-request', 'sir-new'), {})
  // Each resource type the action requires must be among the ARNs found, or the mapping above misses one.
  for (const required of details.resourceTypes.filter((r) => r.required)) {
    if (!out.some((a) => a.resourceType === required.name)) {
      throw new Error(`${iamAction} (${JSON.stringify(params).slice(0, 200)}) requires a ${required.name}, and the check found none in the request`)
    }
  }
  return out
}

/**
 * RunInstances from a launch template (Update-HaNatVpc's new NATs): EC2 authorizes it on the image the template
 * version names and with ec2:LaunchTemplate on every resource, and checks iam:PassRole for the role of the version's
 * instance profile. moto's recording holds no responses, so the image is the one the scenario's last
 * CreateLaunchTemplateVersion (or CreateLaunchTemplate) stated, and the role is HaNat's for the template's deployment
 * (HaNat names the role and the profile alike: <name>-nat-<region>, from the template's name <name>-nat-lt).
 */
function launchedFromTemplate({ region, params }, state, index, out, add) {
  const templateId = params['LaunchTemplate.LaunchTemplateId']
  const templateArn = ec2Arn(region, 'launch-template', templateId)
  const made = state.requests.slice(0, index).filter((r) => r.action === 'CreateLaunchTemplateVersion' || r.action === 'CreateLaunchTemplate')
  const imageId = made.map((r) => r.params['LaunchTemplateData.ImageId']).filter(Boolean).pop()
  if (imageId) add('image', ec2Arn(region, 'image', imageId), {})
  const templateName = Object.entries({ ...state.after.launchTemplates, ...state.before.launchTemplates }).find(([, id]) => id === templateId)?.[0]
  const vpcName = templateName?.endsWith('-nat-lt') ? templateName.slice(0, -'-nat-lt'.length) : undefined
  // moto gap: it ignores CreateLaunchTemplateVersion's SourceVersion, so a version made from another there has no
  // network interface, and the request names no security group; in AWS it is the template's, HaNat's NAT group.
  if (vpcName && !out.some((a) => a.resourceType === 'security-group')) {
    const [groupId, tags] = Object.entries(state.before.tags[region] ?? {})
      .find(([id, t]) => id.startsWith('sg-') && t['hanat:vpc-name'] === vpcName && t['hanat:component'] === 'nat-security-group') ?? []
    if (groupId) add('security-group', ec2Arn(region, 'security-group', groupId), resourceTagKeys('ec2', tags))
  }
  for (const a of out) a.context['ec2:LaunchTemplate'] = templateArn
  if (vpcName) {
    const roleName = `${vpcName}-nat-${region}`
    out.push({ action: 'iam:PassRole', resource: `arn:aws:iam::${account}:role${state.rolePath(roleName)}${roleName}`, resourceType: 'role', context: { 'iam:PassedToService': 'ec2.amazonaws.com' } })
  }
}

function iamAuthorizations({ action, params }, state) {
  const role = (name) => `arn:aws:iam::${account}:role${state.rolePath(name)}${name}`
  const profile = (name) => `arn:aws:iam::${account}:instance-profile${state.profilePath(name)}${name}`
  const tags = requestTagKeys(tagsOfParams(params, 'Tags.member.'))
  const out = []
  if (action === 'CreateRole') state.createdRoles[params.RoleName] = params.Path ?? '/'
  if (action === 'CreateInstanceProfile') state.createdProfiles[params.InstanceProfileName] = params.Path ?? '/'
  if (IAM_ROLE_CALLS.includes(action)) {
    out.push({ action: `iam:${action}`, resource: role(params.RoleName), resourceType: 'role', context: tags })
    // Tags on create: CreateRole with tags needs iam:TagRole too.
    if (action === 'CreateRole' && Object.keys(tags).length) out.push({ action: 'iam:TagRole', resource: role(params.RoleName), resourceType: 'role', context: tags })
  }
  else {
    out.push({ action: `iam:${action}`, resource: profile(params.InstanceProfileName), resourceType: 'instance-profile', context: tags })
    if (action === 'CreateInstanceProfile' && Object.keys(tags).length) out.push({ action: 'iam:TagInstanceProfile', resource: profile(params.InstanceProfileName), resourceType: 'instance-profile', context: tags })
    // Putting a role in an instance profile passes it: AWS checks iam:PassRole on the role.
    if (action === 'AddRoleToInstanceProfile') {
      out.push({ action: 'iam:PassRole', resource: role(params.RoleName), resourceType: 'role', context: { 'iam:PassedToService': 'ec2.amazonaws.com' } })
    }
  }
  return out
}

function groupAuthorizations({ action, region, params }, state, index) {
  // TerminateInstanceInAutoScalingGroup names the instance alone: its group is the one the scenario attached it to,
  // else the one its aws:autoscaling:groupName tag names.
  const name = params.AutoScalingGroupName ?? params['Tags.member.1.ResourceId'] ?? (params.InstanceId &&
    (state.requests.slice(0, index).find((r) => r.action === 'AttachInstances' && Object.values(r.params).includes(params.InstanceId))?.params.AutoScalingGroupName
      ?? state.tagsOf(region, params.InstanceId, index)['aws:autoscaling:groupName']))
  const known = state.group(name)
  const arn = known?.arn ?? `arn:aws:autoscaling:${region}:${account}:autoScalingGroup:00000000-0000-0000-0000-000000000000:autoScalingGroupName/${name}`
  const out = []
  if (action === 'CreateAutoScalingGroup') {
    const tags = requestTagKeys(tagsOfParams(params, 'Tags.member.'))
    out.push({ action: 'autoscaling:CreateAutoScalingGroup', resource: arn, resourceType: 'autoScalingGroup', context: tags })
    // A group made with tags needs autoscaling:CreateOrUpdateTags as well.
    if (Object.keys(tags).length) out.push({ action: 'autoscaling:CreateOrUpdateTags', resource: arn, resourceType: 'autoScalingGroup', context: tags })
    // Auto Scaling checks that the caller may launch from the template (ec2:RunInstances on it) and pass the role its
    // instance profile holds (HaNat names the role and the profile alike).
    // A spot group (-Spot) names its template inside its mixed instances policy; the check is the same.
    const templateId = params['LaunchTemplate.LaunchTemplateId'] ?? params['MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification.LaunchTemplateId']
    const templateArn = ec2Arn(region, 'launch-template', templateId)
    out.push({ action: 'ec2:RunInstances', resource: templateArn, resourceType: 'launch-template', context: { ...resourceTagKeys('ec2', state.tagsOf(region, templateId, index)), 'ec2:LaunchTemplate': templateArn } })
    const template = state.requests.find((r) => r.action === 'CreateLaunchTemplate')
    const profileArn = template?.params['LaunchTemplateData.IamInstanceProfile.Arn']
    if (profileArn) {
      const roleName = profileArn.split('/').pop()
      out.push({ action: 'iam:PassRole', resource: `arn:aws:iam::${account}:role${state.rolePath(roleName)}${roleName}`, resourceType: 'role', context: { 'iam:PassedToService': 'ec2.amazonaws.com' } })
    }
    return out
  }
  const tags = known?.tags ?? {}
  const context = { ...resourceTagKeys('autoscaling', tags) }
  if (action === 'CreateOrUpdateTags') Object.assign(context, requestTagKeys(tagsOfParams(params, 'Tags.member.')))
  out.push({ action: `autoscaling:${action}`, resource: arn, resourceType: 'autoScalingGroup', context })
  return out
}

/**
 * An alarm call on the alarms it names (AlarmName, AlarmNames.member.N, a ResourceARN), or for DescribeAlarms by
 * prefix the alarms the prefix stands for. moto records no tags of an alarm in the state, so a call on an existing
 * alarm carries no aws:ResourceTag here; the Operator policy scopes the alarm calls by name alone.
 */
function alarmAuthorizations({ action, region, params }) {
  const arnOf = (name) => `arn:aws:cloudwatch:${region}:${account}:alarm:${name}`
  const names = Object.entries(params).filter(([k]) => /^AlarmNames\.member\.\d+$/.test(k)).map(([, v]) => v)
  const arns = params.ResourceARN ? [params.ResourceARN]
    : params.AlarmName ? [arnOf(params.AlarmName)]
      : names.length ? names.map(arnOf)
        : [arnOf(`${params.AlarmNamePrefix ?? ''}*`)]
  const tags = requestTagKeys(tagsOfParams(params, 'Tags.member.'))
  const out = arns.map((arn) => ({ action: `cloudwatch:${action}`, resource: arn, resourceType: 'alarm', context: action === 'PutMetricAlarm' ? tags : {} }))
  // An alarm put with tags needs cloudwatch:TagResource as well.
  if (action === 'PutMetricAlarm' && Object.keys(tags).length) out.push(...arns.map((arn) => ({ action: 'cloudwatch:TagResource', resource: arn, resourceType: 'alarm', context: tags })))
  return out
}

function parameterAuthorizations({ action, region, params }) {
  // GetParameters is authorized on each parameter it names, as if each were read alone.
  if (action === 'GetParameters' && params.Names) {
    return params.Names.flatMap(name => parameterAuthorizations({ action, region, params: { Name: name } }))
  }
  const name = params.Name ?? params.ResourceId
  const arn = `arn:aws:ssm:${region}:${account}:parameter/${name.replace(/^\//, '')}`
  const tags = {}
  for (const tag of params.Tags ?? []) tags[tag.Key] = tag.Value
  const out = [{ action: `ssm:${action}`, resource: arn, resourceType: 'parameter', context: requestTagKeys(tags) }]
  // A parameter put with tags needs ssm:AddTagsToResource as well.
  if (action === 'PutParameter' && Object.keys(tags).length) out.push({ action: 'ssm:AddTagsToResource', resource: arn, resourceType: 'parameter', context: requestTagKeys(tags) })
  return out
}
