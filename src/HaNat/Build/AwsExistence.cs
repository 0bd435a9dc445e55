using HaNat.Aws;

namespace HaNat.Build
{
    /// <summary>Asks whether something exists by calling for it: "not found" is an answer, any other failure is not.</summary>
    internal static class AwsExistence
    {
        public static async Task<bool> ExistsAsync(Func<Task> call)
        {
            try
            {
                await call().ConfigureAwait(false);
                return true;
            }
            catch (Exception ex) when (AwsErrors.IsNotFound(ex))
            {
                return false;
            }
        }

        /// <summary>
        /// <see cref="ExistsAsync"/> for a check made before anything is written: "access denied" is no answer either,
        /// and it becomes a clear error naming the check and the permission (IAM denies a read it would allow once the
        /// thing exists, e.g. a role read by a name outside the policy's path), rather than the raw AWS failure.
        /// </summary>
        public static async Task<bool> ExistsOrExplainAsync(Func<Task<bool>> check, string what, string action)
        {
            try
            {
                return await check().ConfigureAwait(false);
            }
            catch (AwsCallException ex) when (ex.Kind == HaNatErrorKind.PermissionDenied)
            {
                throw new HaNatException("PreflightAccessDenied", HaNatErrorKind.PermissionDenied,
                    $"Could not check whether {what} exists, so nothing was made: {action} was denied. {Sentences.End(ex.Message)} " +
                    $"The check runs before the first write so that a name in use cannot stop the build half-way. Allow {action} " +
                    "(Get-HaNatIamPolicy -For Operator does), then run New-HaNatVpc again.", ex) { Target = what };
            }
        }

        /// <summary>Runs a removal; a target that is already gone counts as removed (returns false).</summary>
        public static async Task<bool> RemoveAsync(Func<Task> call)
        {
            try
            {
                await call().ConfigureAwait(false);
                return true;
            }
            catch (Exception ex) when (AwsErrors.IsNotFound(ex))
            {
                return false;
            }
        }
    }
}
