# The stack Export-HaNatTemplate -ExistingVpc writes, deployed into moto's CloudFormation in a VPC built as
# Terraform's common VPC module builds one (tests/tools/vpc_fixture.py terraform): it makes the NAT deployment in
# that VPC and changes nothing of the user's; once the README's hanat_serve has tagged the given tables, a NAT of the
# stack takes exactly those tables from their NAT gateways, and its role may write no other.
# tests/tools/cfn_deploy.py deploys the template as exported, filling in moto's gaps (each said there).

BeforeAll {
    Import-Module "$PSScriptRoot/../../out/HaNat/HaNat.psd1" -Force
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    $aws = Get-TestAwsParameters
    $deployer = Join-Path $PSScriptRoot '../tools/cfn_deploy.py'

    function Deploy-Template([string] $Path, [string] $StackName, [hashtable] $Parameters) {
        $arguments = @($deployer, '--endpoint', (Get-TestEndpoint), '--template', $Path, '--stack-name', $StackName)
        foreach ($key in $Parameters.Keys) { $arguments += '--parameter', "$key=$($Parameters[$key])" }
        $output = & python3 @arguments 2>&1
        if ($LASTEXITCODE -ne 0) { throw "cfn_deploy.py failed: $output" }
        ($output | Where-Object { $_ -is [string] }) -join "`n" | ConvertFrom-Json
    }

    # The README's hanat_serve, as a user runs it in a shell, pointed at moto.
    function Invoke-ServeAsReadmeSays([string] $Name, [string] $Zone, [string[]] $Tables) {
        $function = (Get-Content -Raw "$PSScriptRoot/../../README.md" | Select-String -Pattern '(?m)^hanat_serve\(\) \{.*\}$').Matches[0].Value
        $function | Should -Not -BeNullOrEmpty -Because 'the README gives the function that tags what the NATs serve'
        $env:AWS_ENDPOINT_URL = Get-TestEndpoint
        try { & bash -c "$function`nhanat_serve $Name $Zone $($Tables -join ' ')" | Out-Null } finally { Remove-Item Env:AWS_ENDPOINT_URL }
        if ($LASTEXITCODE -ne 0) { throw "the README's hanat_serve failed for $Zone" }
    }

    function Get-GroupInstanceIds([string] $GroupName) {
        $group = (Invoke-MotoQuery autoscaling DescribeAutoScalingGroups @{ 'AutoScalingGroupNames.member.1' = $GroupName }).Xml
        @($group.GetElementsByTagName('InstanceId') | ForEach-Object InnerText | Sort-Object)
    }

    # The stack names an Elastic IP by its address (as AWS does); EC2 by its allocation.
    function Get-AllocationId([string] $PublicIp) {
        (Invoke-Ec2 DescribeAddresses ([Amazon.EC2.Model.DescribeAddressesRequest]@{ PublicIps = [System.Collections.Generic.List[string]]@($PublicIp) })).Addresses[0].AllocationId
    }

    function Get-RolePolicy([string] $RoleName) {
        $policy = (Invoke-MotoQuery iam GetRolePolicy @{ RoleName = $RoleName; PolicyName = 'hanat-nat-instance' }).Xml
        [uri]::UnescapeDataString($policy.GetElementsByTagName('PolicyDocument')[0].InnerText) | ConvertFrom-Json
    }

    Reset-Moto
    $image = New-TestHaNatImage
    $tf = New-TestTerraformVpc -Name tf -Zone 'us-east-1a', 'us-east-1b'
    $a = $tf.zones.'us-east-1a'
    $b = $tf.zones.'us-east-1b'
    # Zone a's NAT serves both its tables (the app table is shared by three subnets); zone b's only its app table:
    # zone b's worker table is left on its NAT gateway, the database table with no default route.
    $served = [ordered]@{ 'us-east-1a' = @($a.privateRouteTables.app.routeTableId, $a.privateRouteTables.worker.routeTableId); 'us-east-1b' = @($b.privateRouteTables.app.routeTableId) }
    $servedTables = @($served.Values | ForEach-Object { $_ })
    $before = Get-VpcState $tf.vpcId

    # The ordinary IaC case: no defaults, every value given at deploy time.
    $templatePath = Join-Path $TestDrive 'hanat-existing.json'
    Export-HaNatTemplate -ExistingVpc -ZoneCount 2 -Path $templatePath
    $stack = Deploy-Template $templatePath 'hanat-edge' @{
        Name = 'edge'; VpcId = $tf.vpcId; VpcCidrBlock1 = $tf.cidrs[0]; VpcCidrBlock2 = $tf.cidrs[1]; ImageId = $image
        AvailabilityZone1 = 'us-east-1a'; PublicSubnet1 = $a.publicSubnetId; PrivateRouteTables1 = $served['us-east-1a'] -join ','
        AvailabilityZone2 = 'us-east-1b'; PublicSubnet2 = $b.publicSubnetId; PrivateRouteTables2 = $served['us-east-1b'] -join ','
    }
    $afterStack = Get-VpcState $tf.vpcId
}

Describe 'A stack from Export-HaNatTemplate -ExistingVpc' {
    It 'is created in moto, with the deployment''s resources and nothing of a network' {
        $stack.StackStatus | Should -Be 'CREATE_COMPLETE'
        @($stack.Resources.PSObject.Properties.Name | Sort-Object) | Should -Be @('ElasticIp1', 'ElasticIp2', 'NatAutoScalingGroup', 'NatInstanceProfile',
            'NatLaunchTemplate', 'NatRole', 'NatSecurityGroup', 'NatSecurityGroupFromItself1', 'NatSecurityGroupFromItself2', 'NatSecurityGroupFromVpcCidrBlock2')
        $stack.Outputs.ServedTag | Should -Be 'hanat:served-by=edge'
        $stack.Outputs.HeartbeatKeyParameterName | Should -Be '/hanat/edge/heartbeat-key'
    }

    It 'puts its security group, Elastic IPs and NATs into the given VPC, and changes nothing that was there' {
        $changes = @(Compare-VpcState $before $afterStack)

        # Only additions: whole items that were absent. Every route table, subnet, NAT gateway, group and instance
        # of the user's is as it was.
        $changes | Should -Not -BeNullOrEmpty
        $changes | Where-Object { $_ -notmatch '^(ElasticIps|SecurityGroups|Instances)\[[^\]]+\]: \(absent\) -> ' } | Should -BeNullOrEmpty
        @($changes -match '^SecurityGroups\[').Count | Should -Be 1
        @($changes -match '^Instances\[').Count | Should -Be 2
        @($changes -match '^ElasticIps\[').Count | Should -Be 2
        $nats = Get-GroupInstanceIds $stack.Outputs.AutoScalingGroupName
        $nats.Count | Should -Be 2
        foreach ($nat in $nats) {
            $afterStack.Instances[$nat].SubnetId | Should -BeIn @($a.publicSubnetId, $b.publicSubnetId)
            $afterStack.Instances[$nat].Tags['hanat:managed'] | Should -Be 'true'
        }
    }

    It 'tags each Elastic IP with its zone and the VPC, as the zone''s NAT finds it at boot' {
        foreach ($zone in 1, 2) {
            $address = Get-TestAddress -AllocationId (Get-AllocationId $stack.Resources."ElasticIp$zone")
            $tags = ConvertTo-StateTags $address.Tags
            $tags['hanat:zone'] | Should -Be "us-east-1$([char](96 + $zone))"
            $tags['hanat:vpc-id'] | Should -Be $tf.vpcId
            $tags['hanat:vpc-name'] | Should -Be 'edge'
        }
    }

    It 'lets everything in from each block of the VPC given, and nothing from blocks left empty' {
        $group = $afterStack.SecurityGroups[$stack.Outputs.NatSecurityGroupId]

        $everything = @($group.Ingress -match '^all ' | ForEach-Object { ($_ -split ' ')[1] })

        $everything | Should -Be @($tf.cidrs[0], $tf.cidrs[1])
    }

    It 'launches its NATs in its security group, their takeover serving the subnets tagged hanat:served-by=edge' {
        $request = [Amazon.EC2.Model.DescribeLaunchTemplateVersionsRequest]@{ LaunchTemplateId = $stack.Resources.NatLaunchTemplate }
        $data = (Invoke-Ec2 DescribeLaunchTemplateVersions $request).LaunchTemplateVersions[0].LaunchTemplateData
        $userData = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($data.UserData))

        $userData | Should -Match ([regex]::Escape("Invoke-HaNatTakeover -VpcId '$($tf.vpcId)' -PrivateSubnetTag 'hanat:served-by=edge'"))
        @($data.NetworkInterfaces[0].Groups) | Should -Be @($stack.Outputs.NatSecurityGroupId)
    }

    It 'gives its role the served NatInstance policy, its route writes limited to the tables given' {
        $policy = Get-RolePolicy 'edge-nat-us-east-1'
        $routes = @($policy.Statement | Where-Object Sid -EQ 'DefaultRoutesInServedTables')
        # moto's account is 123456789012; the stack's ARNs name its own region and account.
        $expected = Get-HaNatIamPolicy -For NatInstance -PrivateSubnetTag 'hanat:served-by=edge' -Region us-east-1 -AccountId 123456789012 | ConvertFrom-Json

        $routes.Count | Should -Be 1
        @($routes[0].Condition.StringEquals.'ec2:RouteTableID' | Sort-Object) | Should -Be @($servedTables | Sort-Object)
        $routes[0].Condition.StringEquals.'aws:ResourceTag/hanat:served-by' | Should -Be 'edge'
        # Apart from that list, the policy Add-HaNatVpc's NATs get: the same statements, actions and conditions.
        $routes[0].Condition.StringEquals.PSObject.Properties.Remove('ec2:RouteTableID')
        foreach ($statement in $expected.Statement) {
            $mine = @($policy.Statement | Where-Object Sid -EQ $statement.Sid)
            $mine.Count | Should -Be 1 -Because "the stack's policy has $($statement.Sid)"
            ($mine[0].Action | ConvertTo-Json -Compress) | Should -Be ($statement.Action | ConvertTo-Json -Compress)
            ($mine[0].Resource | ConvertTo-Json -Compress) | Should -Be ($statement.Resource | ConvertTo-Json -Compress)
            $condition = { param($Statement) $Statement.PSObject.Properties['Condition']?.Value | ConvertTo-Json -Depth 5 -Compress }
            (& $condition $mine[0]) | Should -Be (& $condition $statement) -Because "$($statement.Sid) has the same conditions"
        }
        @($policy.Statement).Count | Should -Be @($expected.Statement).Count
    }

    It 'lets its NATs replace a default route in a table given and tagged, and in no other (AWS''s policy evaluator)' {
        $iam = Join-Path $PSScriptRoot '../iam'
        if (-not (Get-Command node -ErrorAction SilentlyContinue) -or -not (Test-Path (Join-Path $iam 'node_modules/@cloud-copilot/iam-simulate'))) {
            Set-ItResult -Skipped -Because 'the IAM check''s node modules are not installed (tests/iam)'; return
        }
        # The role's policy as the stack resolved it, judged as tests/iam judges HaNat's policies: one ReplaceRoute
        # per table, with the context AWS sends for it (the table's tags, its id, its VPC, the NAT's own VPC).
        $policyPath = Join-Path $TestDrive 'stack-policy.json'
        Get-RolePolicy 'edge-nat-us-east-1' | ConvertTo-Json -Depth 20 | Set-Content -LiteralPath $policyPath
        $vpcArn = "arn:aws:ec2:us-east-1:123456789012:vpc/$($tf.vpcId)"
        $cases = @(
            @{ Case = 'given and tagged'; Table = $servedTables[0]; Tag = 'edge'; Vpc = $vpcArn }
            @{ Case = 'given and tagged, zone b'; Table = $servedTables[2]; Tag = 'edge'; Vpc = $vpcArn }
            @{ Case = 'tagged but not given'; Table = $b.privateRouteTables.worker.routeTableId; Tag = 'edge'; Vpc = $vpcArn }
            @{ Case = 'given but not tagged'; Table = $servedTables[1]; Tag = $null; Vpc = $vpcArn }
            @{ Case = 'given, tagged, another VPC'; Table = $servedTables[0]; Tag = 'edge'; Vpc = 'arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0other' })
        $authdata = [uri]::new((Resolve-Path (Join-Path $iam 'lib/authdata.mjs')).Path).AbsoluteUri
        $script = @"
import { readFileSync } from 'node:fs'
import { evaluate } from '$authdata'
const policy = JSON.parse(readFileSync(process.argv[2], 'utf8'))
const cases = JSON.parse(readFileSync(process.argv[3], 'utf8'))
for (const c of cases) {
  const context = { 'ec2:RouteTableID': c.Table, 'ec2:Vpc': c.Vpc, 'aws:Ec2InstanceSourceVpc': '$($tf.vpcId)' }
  if (c.Tag) context['aws:ResourceTag/hanat:served-by'] = c.Tag
  const result = await evaluate(policy, { action: 'ec2:ReplaceRoute', resource: 'arn:aws:ec2:us-east-1:123456789012:route-table/' + c.Table, context }, '123456789012')
  console.log(c.Case + ': ' + result)
}
"@
        $scriptPath = Join-Path $TestDrive 'judge.mjs'
        $casesPath = Join-Path $TestDrive 'cases.json'
        Set-Content -LiteralPath $scriptPath -Value $script
        ConvertTo-Json -InputObject $cases -Depth 3 | Set-Content -LiteralPath $casesPath

        $verdicts = @(& node $scriptPath $policyPath $casesPath 2>&1 | ForEach-Object { "$_" })

        $verdicts | Should -Be @(
            'given and tagged: Allowed'
            'given and tagged, zone b: Allowed'
            'tagged but not given: ImplicitlyDenied'
            'given but not tagged: ImplicitlyDenied'
            'given, tagged, another VPC: ImplicitlyDenied')
    }

    Context 'once the README''s hanat_serve tagged what each zone serves' {
        BeforeAll {
            foreach ($zone in $served.Keys) { Invoke-ServeAsReadmeSays 'edge' $zone $served[$zone] }
            $afterTags = Get-VpcState $tf.vpcId
        }

        It 'tags the given tables, the subnets on them and the VPC as Add-HaNatVpc would, and nothing else' {
            $expected = @("Vpc.Tags[hanat:served-by]: (absent) -> edge")
            foreach ($zone in $served.Keys) {
                foreach ($table in $served[$zone]) {
                    $gateway = $tf.zones.$zone.natGatewayId
                    $expected += "RouteTables[$table].Tags[hanat:restore-default]: (absent) -> $gateway"
                    $expected += "RouteTables[$table].Tags[hanat:served-by]: (absent) -> edge"
                    $expected += "RouteTables[$table].Tags[hanat:zone]: (absent) -> $zone"
                    foreach ($subnet in $before.RouteTables[$table].Associations.Keys) {
                        $expected += "Subnets[$subnet].Tags[hanat:served-by]: (absent) -> edge"
                    }
                }
            }

            $changes = @(Compare-VpcState $afterStack $afterTags)

            $before.RouteTables[$a.privateRouteTables.app.routeTableId].Associations.Count | Should -Be 3 -Because 'the shared table is served with all three subnets'
            @($changes | Sort-Object) | Should -Be @($expected | Sort-Object -Unique)
        }

        It 'has a NAT of the stack take exactly the given tables of its zone from their NAT gateways' {
            $natA = (Get-GroupInstanceIds $stack.Outputs.AutoScalingGroupName)[0]
            # moto starts every instance of a group in its first subnet (zone a); AWS's group spreads them, one per
            # zone. Zone b's NAT is launched here as the group would launch it: from the stack's launch template, in
            # PublicSubnet2.
            $run = [Amazon.EC2.Model.RunInstancesRequest]@{
                MinCount = 1; MaxCount = 1; SubnetId = $b.publicSubnetId
                LaunchTemplate = [Amazon.EC2.Model.LaunchTemplateSpecification]@{ LaunchTemplateId = $stack.Resources.NatLaunchTemplate }
            }
            $natB = (Invoke-Ec2 RunInstances $run).Reservation.Instances[0].InstanceId

            # As an operator names each NAT (on the NAT, the boot takeover runs the same with its own id).
            $results = @(
                Invoke-HaNatTakeover -InstanceId $natA -VpcId $tf.vpcId -PrivateSubnetTag $stack.Outputs.ServedTag @aws -WarningAction SilentlyContinue
                Invoke-HaNatTakeover -InstanceId $natB -VpcId $tf.vpcId -PrivateSubnetTag $stack.Outputs.ServedTag @aws -WarningAction SilentlyContinue)
            $afterTakeover = Get-VpcState $tf.vpcId
            $changes = @(Compare-VpcState $afterTags $afterTakeover)

            @($results | Where-Object Action -EQ 'Replaced' | ForEach-Object RouteTableId | Sort-Object -Unique) | Should -Be @($servedTables | Sort-Object)
            # An instance route names the instance and its network interface; the interface is left out.
            $routeChanges = @($changes -match '^RouteTables\[' -replace ' NetworkInterfaceId=\S+$', '')
            $expected = foreach ($zone in $served.Keys) {
                $nat = if ($zone -eq 'us-east-1a') { $natA } else { $natB }
                foreach ($table in $served[$zone]) {
                    "RouteTables[$table].Routes[0.0.0.0/0].Target: NatGatewayId=$($tf.zones.$zone.natGatewayId) -> InstanceId=$nat"
                }
            }
            @($routeChanges | Sort-Object) | Should -Be @($expected | Sort-Object)
            # Besides the routes: zone b's NAT, launched above, and each zone's Elastic IP on its zone's NAT.
            $changes | Where-Object { $_ -notmatch '^(RouteTables\[|Instances\[[^\]]+\]: \(absent\)|ElasticIps\[)' } | Should -BeNullOrEmpty
            $afterTakeover.ElasticIps[(Get-AllocationId $stack.Resources.ElasticIp1)].InstanceId | Should -Be $natA
            $afterTakeover.ElasticIps[(Get-AllocationId $stack.Resources.ElasticIp2)].InstanceId | Should -Be $natB
            # The tables not given are as they were: zone b's worker table on its NAT gateway, the database table
            # with no default route.
            $afterTakeover.RouteTables[$b.privateRouteTables.worker.routeTableId].Routes['0.0.0.0/0'].Target | Should -Be "NatGatewayId=$($b.natGatewayId)"
            $afterTakeover.RouteTables[$tf.databaseRouteTableId].Routes.Keys | Should -Not -Contain '0.0.0.0/0'
        }
    }
}
