namespace HaNat.Aws
{
    /// <summary>
    /// Reads AWS error codes that mean "it is not there (any more)". A removal that finds its target already gone has
    /// done its job, which is what lets Remove-HaNatVpc run again after a partial failure and finish.
    /// </summary>
    internal static class AwsErrors
    {
        public static bool IsNotFound(Exception ex) =>
            ex is AwsCallException call && IsNotFound(call.AwsErrorCode, call.Message);

        public static bool IsNotFound(string code, string message)
        {
            // EC2: InvalidVpcID.NotFound, InvalidAllocationID.NotFound, InvalidLaunchTemplateName.NotFoundException, ...
            if (code.EndsWith(".NotFound", StringComparison.Ordinal) || code.EndsWith("NotFoundException", StringComparison.Ordinal)) return true;
            // IAM, SSM; and an internet gateway that is already detached.
            // CloudWatch: DeleteAlarms of an alarm that is gone.
            if (code == "NoSuchEntity" || code == "ParameterNotFound" || code == "Gateway.NotAttached" || code == "ResourceNotFound") return true;
            // Auto Scaling has no NotFound code: "ValidationError: AutoScalingGroup name not found".
            return code == "ValidationError" && message.IndexOf("not found", StringComparison.OrdinalIgnoreCase) >= 0;
        }
    }
}
