// The denials the check expects, each with why the policy is right to refuse. Every entry must still match a
// denial (simulate.test.mjs fails on a stale one), so this list cannot hide a new one.
//   caller: the policy; call: the recorded request; action, resource: the authorization denied; scenario: optional.
export const intended = []
