# Descriptions of the AWS common parameters, shared by every cmdlet that calls AWS (as in AWS Tools for PowerShell),
# and of -WhatIf and -Confirm, shared by every cmdlet that supports them. A cmdlet's own file may say more.
@{
    WhatIf          = 'Shows what the command would do, one line for each change, and changes nothing: no AWS write, no file, no change to this machine. The AWS reads it needs to plan still happen.'
    # {ConfirmImpact} is the cmdlet's own, from its metadata.
    Confirm         = 'Asks before each change. This command''s ConfirmImpact is {ConfirmImpact}: without -Confirm it asks only when that is at least $ConfirmPreference (High by default); -Confirm:$false never asks.'
    Region          = 'The AWS region to call, for example us-east-1. Without it: the session default (Set-DefaultAWSRegion), the profile''s region, AWS_REGION or AWS_DEFAULT_REGION, and on an instance its own region from IMDS. A region the AWS SDK does not list is refused (UnknownRegion) unless an endpoint is configured and the name fits a partition''s pattern; Tab completes the regions.'
    ProfileName     = 'The name of a credential profile in the shared credentials or config file (as made by Set-AWSCredential -StoreAs or aws configure). A name neither file holds is refused (ProfileNotFound).'
    ProfileLocation = 'The shared credentials file to read -ProfileName from, when it is not the default (~/.aws/credentials or AWS_SHARED_CREDENTIALS_FILE).'
    AccessKey       = 'An AWS access key id. Goes with -SecretKey, and -SessionToken for temporary credentials. Explicit keys win over every other source; one without the other is refused (IncompleteAccessKey).'
    SecretKey       = 'The secret access key that goes with -AccessKey.'
    SessionToken    = 'The session token of temporary credentials, with -AccessKey and -SecretKey.'
    Credential      = 'An Amazon.Runtime.AWSCredentials object, for example from Get-AWSCredential or an assumed role.'
    EndpointUrl     = 'Sends every AWS call of this command to one URL instead of the regional endpoints, for example an emulator at http://127.0.0.1:5000. AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> are honored when it is absent. Anything but an absolute http(s) URL is refused (InvalidEndpointUrl).'
}
