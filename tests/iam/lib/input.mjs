// The check's input, written by tests/iam/Record.Tests.ps1: the policies HaNat renders and the calls it recorded.
import { readFileSync, existsSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
export const inputDir = process.env.HANAT_IAM_DIR ?? join(here, '..', '..', '..', 'TestResults', 'iam')

export const kinds = ['NatInstance', 'Operator', 'PackerBuilder']
// "account": Get-HaNatIamPolicy -Region us-east-1 -AccountId 123456789012; "any": the default * for both. A scenario
// may name a variant: the same rendered with -PrivateSubnetTag (policies/<Kind>-<shape>-<variant>.json).
export const shapes = ['account', 'any']
export const region = 'us-east-1'
export const account = '123456789012' // moto's account, and the one the "account" shape names

function read(file) {
  const path = join(inputDir, file)
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: run the check through ./test.sh (HANAT_RUNNERS=iam), which records it first.`)
  }
  return readFileSync(path, 'utf8')
}

/** The policy text as Get-HaNatIamPolicy wrote it. */
export const policyText = (kind, shape) => read(join('policies', `${kind}-${shape}.json`))

export const policy = (kind, shape) => JSON.parse(policyText(kind, shape))

/** The recorded scenarios: [{ scenario, caller: [kinds], requests, before, after }]. */
export const scenarios = () => JSON.parse(read('calls.json'))
