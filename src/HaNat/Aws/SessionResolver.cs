namespace HaNat.Aws
{
    /// <summary>
    /// Turns what was given (parameters, the stored session defaults) into one <see cref="AwsSession"/>: the cheap
    /// checks of what was typed first, so that a typo is named before a missing region hides it. Every refusal
    /// (NoRegion, NoCredentials, ProfileNotFound, InvalidEndpointUrl, IncompleteAccessKey, InvalidRegion,
    /// UnknownRegion) is a <see cref="HaNatException"/> before any AWS call. The cmdlets and the hanat-monitor
    /// executable share it.
    /// </summary>
    internal static class SessionResolver
    {
        /// <param name="instanceRegion">The last resort for the region (IMDS's, on an instance).</param>
        public static AwsSession Resolve(AwsCredentialInputs inputs, Func<string?>? instanceRegion, AwsCallLog log, CancellationToken cancellation)
        {
            var endpoint = EndpointResolver.Resolve(inputs.EndpointUrl, "EC2");
            CredentialResolver.CheckInputs(inputs);
            var region = RegionResolver.Resolve(inputs, instanceRegion ?? (() => null));
            AwsRegions.Validate(region, endpointConfigured: endpoint != null);
            var credentials = CredentialResolver.Resolve(inputs);
            return new AwsSession(credentials, region, inputs.EndpointUrl, log, cancellation);
        }
    }
}
