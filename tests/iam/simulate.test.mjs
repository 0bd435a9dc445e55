// Simulates every call HaNat makes (recorded in moto by Record.Tests.ps1), every call of the monitor and of the
// Packer build (lib/handwritten.mjs), against the policy of its caller, in both of its shapes: with a region and
// account, and with the default *. Each request is judged once per resource ARN it is authorized against, with the
// tags that resource carries and the tags the request writes. A denial fails unless intended.js lists it, with why.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { scenarios, shapes, policy, account } from './lib/input.mjs'
import { authorizationsOf, ScenarioState } from './lib/requests.mjs'
import { evaluate, contextFor } from './lib/authdata.mjs'
import { monitor, packer } from './lib/handwritten.mjs'
import { intended } from './intended.mjs'

const all = [...scenarios(), monitor, packer]
const counts = {}

const used = { NatInstance: new Set(), Operator: new Set(), PackerBuilder: new Set() }

async function denialsOf(scenario, kind, shape, tally = false) {
  const document = policy(kind, scenario.policyVariant ? `${shape}-${scenario.policyVariant}` : shape)
  const state = new ScenarioState(scenario)
  // A NAT calls with its role's credentials, which carry the VPC they were delivered in; an operator's do not.
  const session = kind === 'NatInstance' && scenario.sourceVpc ? { 'aws:Ec2InstanceSourceVpc': scenario.sourceVpc } : {}
  const denials = []
  let simulated = 0
  for (const [index, request] of scenario.requests.entries()) {
    for (const auth of await authorizationsOf(request, state, index)) {
      const context = await contextFor(auth.action, auth.resourceType, { ...auth.context, ...session })
      const result = await evaluate(document, { ...auth, context }, account)
      simulated++
      used[kind].add(auth.action)
      if (result !== 'Allowed') {
        const call = `${request.service}:${request.action}`
        const why = intended.find((i) => i.caller === kind && i.action.test(auth.action) && i.resource.test(auth.resource)
          && (!i.shape || i.shape === shape) && (!i.scenario || i.scenario.test(scenario.scenario)) && (!i.when || i.when(context)))
        denials.push({ call, action: auth.action, resource: auth.resource, context, result, intended: why?.why })
      }
    }
  }
  if (tally && shape === 'account') counts[kind] = (counts[kind] ?? 0) + simulated
  return { denials, simulated }
}

for (const scenario of all) {
  for (const kind of scenario.caller) {
    for (const shape of shapes) {
      test(`${kind} (${shape}) allows ${scenario.scenario}`, async (t) => {
        const { denials, simulated } = await denialsOf(scenario, kind, shape, true)
        for (const d of denials.filter((x) => x.intended)) t.diagnostic(`intended denial: ${d.action} on ${d.resource}: ${d.intended}`)
        t.diagnostic(`${simulated} authorizations simulated`)
        const unintended = denials.filter((d) => !d.intended)
        assert.deepEqual(unintended.map((d) => `${d.call} → ${d.action} on ${d.resource} with ${JSON.stringify(d.context)}: ${d.result}`), [])
        assert.ok(simulated > 0)
      })
    }
  }
}

test('every intended denial still happens (an entry that no longer matches is stale)', async () => {
  const seen = new Set()
  for (const scenario of all) {
    for (const kind of scenario.caller) {
      for (const shape of shapes) {
        for (const d of (await denialsOf(scenario, kind, shape)).denials) {
          intended.forEach((i, n) => { if (i.why === d.intended) seen.add(n) })
        }
      }
    }
  }
  assert.deepEqual(intended.filter((_, n) => !seen.has(n)).map((i) => i.why), [])
  console.log(`# authorizations simulated per policy (account shape; the "any" shape the same again): ${JSON.stringify(counts)}`)
})

// Actions a policy allows that no simulated call needs, each with why it stays. Anything else allowed and never
// needed is an action no code calls: remove it from the policy.
const notRecorded = {
  NatInstance: {
    'ec2:DeleteRouteTable': 'the takeover deletes the table it made when associating it fails (TakeoverExecutor rollback)',
  },
  Operator: {
    'iam:CreateServiceLinkedRole': 'Auto Scaling makes its service-linked role on the account\'s first group, as the caller',
  },
  PackerBuilder: {},
}

for (const kind of ['NatInstance', 'Operator', 'PackerBuilder']) {
  test(`${kind}: every action it allows is one a call needs`, () => {
    const allowed = new Set(policy(kind, 'account').Statement.flatMap((s) => [s.Action].flat()))
    // A pattern (ec2:Describe*, reads only: the lint proves it) is needed when a recorded call matches it.
    const matches = (pattern) => {
      const re = new RegExp('^' + pattern.split('*').map((p) => p.replace(/[.?+^$()[\]{}|\\]/g, '\\$&')).join('.*') + '$', 'i')
      return [...used[kind]].some((a) => re.test(a))
    }
    const unused = [...allowed].filter((a) => !(a.includes('*') ? matches(a) : used[kind].has(a)) && !notRecorded[kind][a])
    assert.deepEqual(unused, [])
    // An exception for an action that is now simulated is stale.
    assert.deepEqual(Object.keys(notRecorded[kind]).filter((a) => used[kind].has(a)), [])
  })
}

// What the policies must refuse, so that the allows above mean something: each is one authorization, judged as the
// recorded ones are.
const mustRefuse = [
  ['NatInstance', 'a route in a table of another VPC that is not HaNat\'s', 'ec2:ReplaceRoute', 'route-table', 'arn:aws:ec2:us-east-1:123456789012:route-table/rtb-0000000000000000a',
    { 'ec2:Vpc': 'arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0000000000000000b', 'aws:Ec2InstanceSourceVpc': 'vpc-0000000000000000c' }],
  ['NatInstance', 'associating a table with a subnet that is not tagged private', 'ec2:AssociateRouteTable', 'subnet', 'arn:aws:ec2:us-east-1:123456789012:subnet/subnet-0000000000000000a',
    { 'aws:ResourceTag/network': 'public' }],
  ['NatInstance', 'terminating an instance', 'ec2:TerminateInstances', 'instance', 'arn:aws:ec2:us-east-1:123456789012:instance/i-0000000000000000a', { 'aws:ResourceTag/hanat:managed': 'true' }],
  ['Operator', 'reading a role that is not a NAT role', 'iam:GetRole', 'role', 'arn:aws:iam::123456789012:role/admin', {}],
  ['Operator', 'deleting a VPC HaNat did not tag', 'ec2:DeleteVpc', 'vpc', 'arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0000000000000000a', {}],
  ['Operator', 'launching from a launch template that is not HaNat\'s', 'ec2:RunInstances', 'launch-template', 'arn:aws:ec2:us-east-1:123456789012:launch-template/lt-0000000000000000a',
    { 'ec2:LaunchTemplate': 'arn:aws:ec2:us-east-1:123456789012:launch-template/lt-0000000000000000a', 'aws:ResourceTag/Name': 'theirs' }],
  ['Operator', 'creating another service\'s linked role', 'iam:CreateServiceLinkedRole', 'role',
    'arn:aws:iam::123456789012:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing', { 'iam:AWSServiceName': 'elasticloadbalancing.amazonaws.com' }],
  ['Operator', 'passing a HaNat role to another service', 'iam:PassRole', 'role', 'arn:aws:iam::123456789012:role/hanat/prod-nat-us-east-1', { 'iam:PassedToService': 'lambda.amazonaws.com' }],
  ['PackerBuilder', 'deregistering an image that is not the build\'s', 'ec2:DeregisterImage', 'image', 'arn:aws:ec2:us-east-1::image/ami-0000000000000000a', { 'aws:ResourceTag/hanat:image': 'nat' }],
  ['PackerBuilder', 'launching an instance without the build tag', 'ec2:RunInstances', 'instance', 'arn:aws:ec2:us-east-1:123456789012:instance/i-new', { 'aws:RequestTag/Name': 'x', 'aws:TagKeys': ['Name'] }],
]
// What the policy of a deployment in a VPC HaNat did not build (NatInstance-<shape>-served: hanat:served-by=iamserved)
// must refuse beyond the above: the user's tables of the NAT's own VPC, another deployment's, and any new table.
const ownVpc = { 'ec2:Vpc': 'arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0000000000000000c', 'aws:Ec2InstanceSourceVpc': 'vpc-0000000000000000c' }
const mustRefuseServed = [
  ['a route in a table of its own VPC that it does not serve', 'ec2:ReplaceRoute', 'route-table', 'arn:aws:ec2:us-east-1:123456789012:route-table/rtb-0000000000000000a', { ...ownVpc }],
  ['a route in a HaNat-made table it does not serve', 'ec2:CreateRoute', 'route-table', 'arn:aws:ec2:us-east-1:123456789012:route-table/rtb-0000000000000000a', { ...ownVpc, 'aws:ResourceTag/hanat:managed': 'true' }],
  ['a route in a table another deployment serves', 'ec2:ReplaceRoute', 'route-table', 'arn:aws:ec2:us-east-1:123456789012:route-table/rtb-0000000000000000a', { ...ownVpc, 'aws:ResourceTag/hanat:served-by': 'other' }],
  ['a route in a served table of another VPC', 'ec2:ReplaceRoute', 'route-table', 'arn:aws:ec2:us-east-1:123456789012:route-table/rtb-0000000000000000a',
    { 'ec2:Vpc': 'arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0000000000000000b', 'aws:Ec2InstanceSourceVpc': 'vpc-0000000000000000c', 'aws:ResourceTag/hanat:served-by': 'iamserved' }],
  ['a new route table, even tagged as HaNat\'s', 'ec2:CreateRouteTable', 'route-table', 'arn:aws:ec2:us-east-1:123456789012:route-table/*', { 'aws:RequestTag/hanat:managed': 'true' }],
]
// What the Operator policy must refuse in a VPC HaNat did not build: Add-HaNatVpc may tag the user's resources with
// HaNat's serving keys only, so that no operator can make a user's resource HaNat's (hanat:managed=true makes it
// Remove-HaNatVpc's to delete) or take the user's own tags off; and a served table stays the user's beyond its routes.
const userTable = 'arn:aws:ec2:us-east-1:123456789012:route-table/rtb-0000000000000000a'
const userSubnet = 'arn:aws:ec2:us-east-1:123456789012:subnet/subnet-0000000000000000a'
const userVpc = 'arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0000000000000000a'
const servedTags = { 'aws:ResourceTag/hanat:served-by': 'prod', 'aws:ResourceTag/Name': 'app' }
const writing = (tags) => ({ ...Object.fromEntries(Object.entries(tags).map(([k, v]) => [`aws:RequestTag/${k}`, v])), 'aws:TagKeys': Object.keys(tags) })
const mustRefuseAdded = [
  ['tagging a user\'s route table hanat:managed=true', 'ec2:CreateTags', 'route-table', userTable, writing({ 'hanat:managed': 'true' })],
  ['tagging a user\'s subnet hanat:managed=true beside hanat:served-by', 'ec2:CreateTags', 'subnet', userSubnet, { ...servedTags, ...writing({ 'hanat:served-by': 'prod', 'hanat:managed': 'true' }) }],
  ['tagging a user\'s VPC hanat:vpc-name (Get-HaNatVpc would take it for a HaNat VPC)', 'ec2:CreateTags', 'vpc', userVpc, writing({ 'hanat:vpc-name': 'prod' })],
  ['tagging a user\'s route table with a tag of the user\'s', 'ec2:CreateTags', 'route-table', userTable, writing({ Name: 'renamed' })],
  ['deleting a user\'s own tag from a served table', 'ec2:DeleteTags', 'route-table', userTable, { ...servedTags, 'aws:TagKeys': ['Name'] }],
  ['deleting every tag of a served VPC (DeleteTags naming no key)', 'ec2:DeleteTags', 'vpc', userVpc, { ...servedTags }],
  ['deleting a served table (the user\'s)', 'ec2:DeleteRouteTable', 'route-table', userTable, { ...servedTags }],
  ['disassociating a served table (the user\'s) from its served subnet', 'ec2:DisassociateRouteTable', 'route-table', userTable, { ...servedTags }],
  ['a route in a table neither HaNat made nor serves', 'ec2:ReplaceRoute', 'route-table', userTable, { 'aws:ResourceTag/Name': 'app' }],
  ['a security group in a VPC neither HaNat built nor serves', 'ec2:CreateSecurityGroup', 'vpc', userVpc, { 'aws:ResourceTag/Name': 'other' }],
  ['a route table in a VPC neither HaNat built nor serves', 'ec2:CreateRouteTable', 'vpc', userVpc, { 'aws:ResourceTag/Name': 'other' }],
  ['giving a HaNat table a subnet neither private nor served', 'ec2:AssociateRouteTable', 'subnet', userSubnet, { 'aws:ResourceTag/Name': 'db' }],
  ['deleting a subnet it serves', 'ec2:DeleteSubnet', 'subnet', userSubnet, { ...servedTags }],
  // CreateTagged names every EC2 ARN: only the resource a create makes is matched by aws:RequestTag.
  ['a subnet, tagged as HaNat\'s, in a VPC it serves but did not build', 'ec2:CreateSubnet', 'vpc', userVpc,
    { ...servedTags, ...writing({ 'hanat:managed': 'true' }) }],
  ['a peering connection, tagged as HaNat\'s, from a VPC HaNat did not build', 'ec2:CreateVpcPeeringConnection', 'vpc', userVpc,
    { 'aws:ResourceTag/Name': 'other', ...writing({ 'hanat:managed': 'true' }) }],
]
for (const [what, action, resourceType, resource, candidates] of mustRefuseAdded) {
  test(`Operator refuses ${what}`, async () => {
    for (const shape of shapes) {
      const context = await contextFor(action, resourceType, candidates)
      assert.notEqual(await evaluate(policy('Operator', shape), { action, resource, context }, account), 'Allowed', shape)
    }
  })
}

for (const [what, action, resourceType, resource, candidates] of mustRefuseServed) {
  test(`NatInstance (served) refuses ${what}`, async () => {
    for (const shape of shapes) {
      const context = await contextFor(action, resourceType, candidates)
      assert.notEqual(await evaluate(policy('NatInstance', `${shape}-served`), { action, resource, context }, account), 'Allowed', shape)
    }
  })
}

for (const [kind, what, action, resourceType, resource, candidates] of mustRefuse) {
  test(`${kind} refuses ${what}`, async () => {
    for (const shape of shapes) {
      const context = await contextFor(action, resourceType, candidates)
      assert.notEqual(await evaluate(policy(kind, shape), { action, resource, context }, account), 'Allowed', shape)
    }
  })
}
