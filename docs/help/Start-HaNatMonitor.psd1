@{
    Synopsis    = 'Runs the NAT monitor in the foreground: data-plane self-check, authenticated heartbeats with the other NATs, and fast failover of a failed zone.'
    Description = @(
        'Start-HaNatMonitor runs on a HaNat NAT instance, normally as hanat-monitor.service. Every interval it checks its own forwarding path (the checks of Test-HaNatRouting -DataPlane), sends each peer NAT of the VPC (the running instances tagged hanat:managed=true) a UDP heartbeat authenticated with HMAC-SHA256, and reads theirs. The key is an SSM SecureString holding base64 of 32 random bytes; beats with a bad MAC, sent more than 30 s from this host''s clock, or not newer than the sender''s last are dropped.'
        'A peer has failed when its last K beats in a row reported it unhealthy, or when it has been silent for more than K intervals (plus a tenth) and every other live peer has lost it too. Then the healthy NAT with the lowest instance id takes the failed zone''s private default routes over in-process (as Invoke-HaNatTakeover -AvailabilityZone), with the zone''s Elastic IP: before the routes move it assigns a secondary private IP to its own network interface, adds it on the uplink, translates the zone''s subnets to it (an iptables SNAT rule commented hanat-zone-address:ZONE, before the masquerade) and associates the zone''s address with it, so the internet still sees the zone''s own address; when the zone''s own NAT takes the address back (or the zone''s routes leave it), and at start for what a previous run left, it removes the rule and the host address and unassigns the secondary IP (events zone-address, zone-address-failed, zone-address-released). It marks the failed instance Unhealthy in its Auto Scaling group. The policy is applied every tenth of a second, so a silence is acted on when it is up; a NAT whose own check fails re-checks and beats every half interval, and an egress probe unanswered for half an interval counts as failed, so a broken NAT is replaced in about two seconds at the defaults.'
        'A NAT that is unhealthy itself claims nothing. A NAT that hears no peer at all pings (ICMP echo) the silent ones: a peer that answers is up and only its heartbeats are lost, and is left alone; one that does not is taken over half an interval after its silence was established, and only if a fresh read of the routes shows this NAT''s own zone still routing through it (had this NAT been the one cut off, its peers would have taken its zone by then). A zone whose own NAT is alive, starting, or not yet judged failed is never taken from it.'
        'It logs one line per event to stdout, for example `hanat-monitor event=takeover zone=us-east-1b failed=i-... by=i-... ms=123`, and stops cleanly on SIGTERM or Ctrl+C (exit code 0).'
    )
    Parameters  = @{
        IntervalSeconds       = 'Seconds between two rounds of self-check and heartbeat. Default 1.'
        MissedHeartbeats      = 'K: heartbeats missed (silence longer than K intervals plus a tenth of one), or unhealthy reports in a row, before a peer counts as failed. Default 3.'
        Port                  = 'The UDP port heartbeats are sent to and received on (bound on 0.0.0.0). Default 4747. Every NAT of a VPC must use the same.'
        ProbeTarget           = 'Where the egress probe goes: host:port for a TCP connect, or an http(s) URL for a GET. Without it the probe is skipped. A failing probe makes the NAT report itself unhealthy, but never makes it mark itself.'
        HeartbeatKeyParameter = 'The SSM parameter that holds the heartbeat key. Default /hanat/<vpc-name>/heartbeat-key, from the VPC''s hanat:vpc-name tag. Until the key is read (retried with backoff) the monitor checks itself but neither sends nor believes heartbeats.'
        PeerRefreshSeconds    = 'Seconds between two reads of the VPC''s NATs and private routes from EC2. Default 30. A beat from a NAT not yet listed triggers an early read.'
        PrivateSubnetTag      = 'The tag, as key=value, that marks the private subnets whose routes a takeover moves. Default: network=private.'
        UnhealthyGraceSeconds = 'After this many seconds with a failing local check (not only the egress probe), the NAT marks itself Unhealthy in its Auto Scaling group. Default 120; 0 never.'
        Once                  = 'Runs one round (key, peers, self-check, one heartbeat, one decision) and returns: a smoke test of the set-up.'
    }
    Inputs      = @('None')
    Outputs     = @('None: one line per event on stdout.')
    Notes       = 'Log events: start, key-loaded, key-unavailable, peers, self-healthy, self-unhealthy, peer-heard, peer-recovered, peer-unhealthy, peer-silent, peer-failed, standby, takeover-start, takeover, takeover-skipped, takeover-failed, zone-owned, zone-served, rate-limited, no-claim, mark-unhealthy, mark-unhealthy-skipped, mark-unhealthy-failed, self-mark-unhealthy, heartbeat-dropped, stop. ErrorIds: NotOnInstance and InstanceMetadataDisabled (it runs only on a HaNat NAT instance, which IMDS names: it takes no instance or VPC id), NotLinux, InvalidProbeTarget, InvalidPrivateSubnetTag, HeartbeatPortUnavailable.'
    Examples    = @(
        @{ Code = 'Start-HaNatMonitor'; Remarks = 'On a NAT instance, with everything from IMDS and the defaults, as hanat-monitor.service runs it.' }
        @{ Code = 'Start-HaNatMonitor -IntervalSeconds 0.5 -MissedHeartbeats 4 -ProbeTarget https://checkip.amazonaws.com/'; Remarks = 'Faster beats, a more patient verdict, and an HTTPS egress probe.' }
        @{ Code = 'Start-HaNatMonitor -Once -Verbose'; Remarks = 'One round, with every AWS call logged: checks that the key, the peers and the self-check work.' }
    )
    Links       = @('Invoke-HaNatTakeover', 'Test-HaNatRouting')
}
