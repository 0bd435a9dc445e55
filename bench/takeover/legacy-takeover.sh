#!/usr/bin/env bash
# The original design's NAT boot script, re-implemented from its known facts as a chain of aws-cli calls, so that
# bench/takeover/run.sh can time HaNat's takeover against it on the same moto.
#   legacy-takeover.sh INSTANCE_ID [ENDPOINT_URL]
# Region from AWS_DEFAULT_REGION. AWS_CLI names the aws executable (default: aws on PATH).
# LEGACY_TRACE=FILE appends "EVENT EPOCHREALTIME" lines around the first route write and the source/dest check
# change, from which run.sh computes the black-hole window (the recorder has no timestamps).
# The order is the original's: routes first, source/dest check last; during that gap the zone's default route
# points at an instance that still drops forwarded packets.
set -euo pipefail

id="${1:?usage: legacy-takeover.sh INSTANCE_ID [ENDPOINT_URL]}"
endpoint="${2:-}"
aws_cli="${AWS_CLI:-aws}"
trace="${LEGACY_TRACE:-}"

ec2() {
  if [ -n "$endpoint" ]; then
    "$aws_cli" --endpoint-url "$endpoint" ec2 "$@"
  else
    "$aws_cli" ec2 "$@"
  fi
}

mark() {
  if [ -n "$trace" ]; then echo "$1 $EPOCHREALTIME" >>"$trace"; fi
}

# 1. The instance's VPC (and zone: the original read it from instance metadata; here it comes with the VPC).
read -r vpc zone < <(ec2 describe-instances --instance-ids "$id" \
  --query 'Reservations[0].Instances[0].[VpcId,Placement.AvailabilityZone]' --output text)

# 2. The VPC's main route table: a subnet on it is left alone.
main=$(ec2 describe-route-tables \
  --filters "Name=vpc-id,Values=$vpc" "Name=association.main,Values=true" \
  --query 'RouteTables[0].RouteTableId' --output text)

# 3. The zone's private subnets.
subnets=$(ec2 describe-subnets \
  --filters "Name=availability-zone,Values=$zone" "Name=vpc-id,Values=$vpc" "Name=state,Values=available" \
  "Name=tag:network,Values=private" \
  --query 'Subnets[].SubnetId' --output text)

# 4. Each subnet's own route table: create the default route to this instance, or replace it.
first_write=1
for subnet in $subnets; do
  table=$(ec2 describe-route-tables --filters "Name=association.subnet-id,Values=$subnet" \
    --query 'RouteTables[0].RouteTableId' --output text)
  if [ -z "$table" ] || [ "$table" = "None" ] || [ "$table" = "$main" ]; then
    echo "$subnet: no route table of its own, skipped"
    continue
  fi
  if [ "$first_write" = 1 ]; then mark route-write-start; fi
  if ec2 create-route --route-table-id "$table" --destination-cidr-block 0.0.0.0/0 --instance-id "$id" \
    >/dev/null 2>&1; then
    echo "$subnet: $table 0.0.0.0/0 -> $id (created)"
  else
    ec2 replace-route --route-table-id "$table" --destination-cidr-block 0.0.0.0/0 --instance-id "$id"
    echo "$subnet: $table 0.0.0.0/0 -> $id (replaced)"
  fi
  if [ "$first_write" = 1 ]; then mark route-write-done; first_write=0; fi
done

# 5. Last, the instance may forward.
mark sdc-start
ec2 modify-instance-attribute --instance-id "$id" --no-source-dest-check
mark sdc-done
echo "$id: source/dest check off"
