// The denials the check expects, each with why the policy is right to refuse. Every entry must still match a
// denial (simulate.test.mjs fails on a stale one), so this list cannot hide a new one.
//   caller: the policy; action: the authorization denied; resource: its ARN; optional: shape ("account": rendered
//   with -Region us-east-1 -AccountId), scenario (a pattern), when(context) (the condition keys of the request).
export const intended = [
  {
    caller: 'Operator', action: /^ec2:(CreateRoute|ReplaceRoute)$/, resource: /:route-table\//, scenario: /takeover/,
    when: (context) => context['aws:ResourceTag/hanat:managed'] !== 'true',
    why: 'Operator changes only what HaNat tagged: a manual takeover may not write the default route of a private '
      + 'subnet\'s table that is not HaNat\'s (the NATs\' own role may, in their own VPC: NatInstance\'s DefaultRoutesInOwnVpc)',
  },
  {
    caller: 'Operator', shape: 'account', action: /^ec2:/, resource: /^arn:aws:ec2:us-west-2:/, scenario: /cross-region/,
    why: 'a policy rendered with -Region us-east-1 covers us-east-1 only: a cross-region peering writes in the peer '
      + 'region too, which needs the policy rendered for that region as well (or the default -Region *)',
  },
]
