using System;
using System.Threading.Tasks;
using HaNat.Aws;

namespace HaNat.Topology.Build
{
    /// <summary>Asks whether something exists by calling for it: "not found" is an answer, any other failure is not.</summary>
    public static class AwsExistence
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
