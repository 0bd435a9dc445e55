// The mapping from a recorded request to what IAM authorizes (lib/requests.mjs), on requests written here.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { authorizationsOf, ScenarioState, ec2Arn } from './lib/requests.mjs'

const state = (tags = {}, extra = {}) => new ScenarioState({
  requests: extra.requests ?? [],
  before: { tags: { 'us-east-1': tags, 'us-west-2': {} }, vpcOf: {}, routeTableAssociations: {}, addressAssociations: {}, launchTemplates: {}, roles: {}, instanceProfiles: {}, groups: {} },
  after: { tags: { 'us-east-1': {}, 'us-west-2': {} }, vpcOf: {}, routeTableAssociations: {}, addressAssociations: {}, launchTemplates: {}, roles: {}, instanceProfiles: {}, groups: {} },
})
const ec2 = (action, params, region = 'us-east-1') => ({ service: 'ec2', region, action, params: { Action: action, ...params } })

test('a call the mapping does not know fails the check, so a new call needs a policy', async () => {
  await assert.rejects(authorizationsOf(ec2('CreateNatGateway', { SubnetId: 'subnet-0123456789abcdef0' }), state(), 0), /does not know ec2:CreateNatGateway/)
  await assert.rejects(authorizationsOf({ service: 'iam', region: 'us-east-1', action: 'CreateUser', params: {} }, state(), 0), /does not know iam:CreateUser/)
})

test('AssociateRouteTable is authorized on the table and the subnet, each with its own tags', async () => {
  const auths = await authorizationsOf(ec2('AssociateRouteTable', { RouteTableId: 'rtb-0123456789abcdef0', SubnetId: 'subnet-0123456789abcdef0' }),
    state({ 'rtb-0123456789abcdef0': { 'hanat:managed': 'true' }, 'subnet-0123456789abcdef0': { network: 'private' } }), 0)
  assert.deepEqual(auths.map((a) => [a.resourceType, a.context['aws:ResourceTag/hanat:managed'] ?? a.context['aws:ResourceTag/network']]),
    [['route-table', 'true'], ['subnet', 'private']])
})

test('CreateRoute is authorized on the table only, as AWS\'s data says, not on its target', async () => {
  const auths = await authorizationsOf(ec2('CreateRoute', { RouteTableId: 'rtb-0123456789abcdef0', InstanceId: 'i-0123456789abcdef0' }), state(), 0)
  assert.deepEqual(auths.map((a) => a.resourceType), ['route-table'])
})

test('a create with TagSpecifications is authorized with its request tags, and as ec2:CreateTags with ec2:CreateAction', async () => {
  const auths = await authorizationsOf(ec2('CreateRouteTable', {
    VpcId: 'vpc-0123456789abcdef0', 'TagSpecification.1.ResourceType': 'route-table', 'TagSpecification.1.Tag.1.Key': 'hanat:managed', 'TagSpecification.1.Tag.1.Value': 'true',
  }), state({ 'vpc-0123456789abcdef0': { 'hanat:managed': 'true' } }), 0)
  const tagging = auths.find((a) => a.action === 'ec2:CreateTags')
  assert.equal(tagging.context['ec2:CreateAction'], 'CreateRouteTable')
  assert.equal(tagging.context['aws:RequestTag/hanat:managed'], 'true')
  assert.ok(auths.some((a) => a.action === 'ec2:CreateRouteTable' && a.resourceType === 'vpc' && a.context['aws:ResourceTag/hanat:managed'] === 'true'))
})

test('image and snapshot ARNs have no account', () => {
  assert.equal(ec2Arn('us-east-1', 'snapshot', 'snap-1'), 'arn:aws:ec2:us-east-1::snapshot/snap-1')
  assert.equal(ec2Arn('us-east-1', 'image', 'ami-1'), 'arn:aws:ec2:us-east-1::image/ami-1')
})

test('moto\'s gap filled: the accepter\'s copy of a cross-region peering connection has none of the requester\'s tags', () => {
  const create = ec2('CreateVpcPeeringConnection', { VpcId: 'vpc-0a0a0a0a0a0a0a0a0', PeerVpcId: 'vpc-0b0b0b0b0b0b0b0b0', PeerRegion: 'us-west-2' })
  const accept = ec2('AcceptVpcPeeringConnection', { VpcPeeringConnectionId: 'pcx-0c0c0c0c0c0c0c0c0' }, 'us-west-2')
  const s = state({ 'pcx-0c0c0c0c0c0c0c0c0': { 'hanat:managed': 'true' } }, { requests: [create, accept] })
  assert.deepEqual(s.tagsOf('us-east-1', 'pcx-0c0c0c0c0c0c0c0c0', 1), { 'hanat:managed': 'true' })
  assert.deepEqual(s.tagsOf('us-west-2', 'pcx-0c0c0c0c0c0c0c0c0', 1), {})
})

test('a role name that does not exist yet is authorized without its path; one that does, with it', async () => {
  const get = { service: 'iam', region: 'us-east-1', action: 'GetRole', params: { RoleName: 'prod-nat-us-east-1' } }
  assert.equal((await authorizationsOf(get, state(), 0))[0].resource, 'arn:aws:iam::123456789012:role/prod-nat-us-east-1')
  const s = state()
  s.before.roles['prod-nat-us-east-1'] = '/hanat/'
  assert.equal((await authorizationsOf(get, s, 0))[0].resource, 'arn:aws:iam::123456789012:role/hanat/prod-nat-us-east-1')
})

test('a resource\'s tags at a request are its tags before the scenario with the scenario\'s own CreateTags and DeleteTags before it', () => {
  const vpc = 'vpc-0a0a0a0a0a0a0a0a0'
  const tag = ec2('CreateTags', { 'ResourceId.1': vpc, 'Tag.1.Key': 'hanat:served-by', 'Tag.1.Value': 'prod', 'Tag.2.Key': 'hanat:zone', 'Tag.2.Value': 'us-east-1a' })
  const untagKey = ec2('DeleteTags', { 'ResourceId.1': vpc, 'Tag.1.Key': 'hanat:zone' })
  const untagOtherValue = ec2('DeleteTags', { 'ResourceId.1': vpc, 'Tag.1.Key': 'hanat:served-by', 'Tag.1.Value': 'other' })
  const untagAll = ec2('DeleteTags', { 'ResourceId.1': vpc })
  const s = state({ [vpc]: { Name: 'theirs' } }, { requests: [tag, untagKey, untagOtherValue, untagAll] })
  assert.deepEqual(s.tagsOf('us-east-1', vpc, 0), { Name: 'theirs' })
  assert.deepEqual(s.tagsOf('us-east-1', vpc, 1), { Name: 'theirs', 'hanat:served-by': 'prod', 'hanat:zone': 'us-east-1a' })
  assert.deepEqual(s.tagsOf('us-east-1', vpc, 2), { Name: 'theirs', 'hanat:served-by': 'prod' })
  // A value that does not match leaves the tag; no key at all deletes every tag.
  assert.deepEqual(s.tagsOf('us-east-1', vpc, 3), { Name: 'theirs', 'hanat:served-by': 'prod' })
  assert.deepEqual(s.tagsOf('us-east-1', vpc, 4), {})
})

test('a DeleteTags is authorized with the keys it names as aws:TagKeys, and with none when it names none', async () => {
  const table = 'rtb-0123456789abcdef0'
  const named = await authorizationsOf(ec2('DeleteTags', { 'ResourceId.1': table, 'Tag.1.Key': 'hanat:zone', 'Tag.1.Value': 'us-east-1a' }), state({ [table]: { 'hanat:zone': 'us-east-1a' } }), 0)
  assert.deepEqual(named.map((a) => [a.resourceType, a.context['aws:TagKeys']]), [['route-table', ['hanat:zone']]])
  const all = await authorizationsOf(ec2('DeleteTags', { 'ResourceId.1': table }), state({ [table]: { Name: 'x' } }), 0)
  assert.equal(all[0].context['aws:TagKeys'], undefined)
})

test('moto\'s gap filled: what a scenario made and deleted again carries the tags its create gave it', () => {
  const create = (zone) => ec2('AllocateAddress', { ...Object.fromEntries([['TagSpecification.1.ResourceType', 'elastic-ip'],
    ['TagSpecification.1.Tag.1.Key', 'hanat:managed'], ['TagSpecification.1.Tag.1.Value', 'true'], ['TagSpecification.1.Tag.2.Key', 'hanat:zone'], ['TagSpecification.1.Tag.2.Value', zone]]) })
  const s = state({}, { requests: [create('us-east-1a'), create('us-east-1b'), ec2('ReleaseAddress', { AllocationId: 'eipalloc-0123456789abcdef0' })] })
  // Two addresses made, either may be the one released: only what both carry counts.
  assert.deepEqual(s.tagsOf('us-east-1', 'eipalloc-0123456789abcdef0', 2), { 'hanat:managed': 'true' })
  assert.deepEqual(s.tagsOf('us-east-1', 'eipalloc-0123456789abcdef0', 0), {})
})

test('a route table association the scenario made and undid is the one whose pair is gone after it; an unknown one fails the check', async () => {
  const associate = ec2('AssociateRouteTable', { RouteTableId: 'rtb-0123456789abcdef0', SubnetId: 'subnet-0123456789abcdef0' })
  const undo = ec2('DisassociateRouteTable', { AssociationId: 'rtbassoc-0123456789abcdef0' })
  const auths = await authorizationsOf(undo, state({}, { requests: [associate, undo] }), 1)
  assert.deepEqual(auths.map((a) => a.resource.split(':').pop()), ['route-table/rtb-0123456789abcdef0', 'subnet/subnet-0123456789abcdef0'])
  await assert.rejects(authorizationsOf(undo, state({}, { requests: [undo] }), 0), /cannot tell which table and subnet/)
})
