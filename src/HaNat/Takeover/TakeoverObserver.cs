using HaNat.Routing;

namespace HaNat.Takeover
{
    /// <summary>
    /// What a caller of <see cref="TakeoverSequence"/> decides and hears along the way, in one object instead of a
    /// row of callbacks. The defaults are the unattended monitor's: every write goes ahead, nothing is said.
    /// </summary>
    internal class TakeoverObserver
    {
        /// <summary>true under -WhatIf: every step is offered so that the whole plan is printed, none is written.</summary>
        public virtual bool WhatIf => false;

        /// <summary>(target, action) → whether to write it (-WhatIf and -Confirm).</summary>
        public virtual bool ShouldProcess(string target, string action) => true;

        /// <summary>Why something was not done, or what the user must do by hand.</summary>
        public virtual void Warn(string message)
        {
        }

        /// <summary>Waits for one of the sequence's reads.</summary>
        public virtual T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();

        /// <summary>Sees the zone as just read, before any plan: false ends the sequence there.</summary>
        public virtual bool Proceed(VpcSnapshot snapshot) => true;

        /// <summary>The zone has no available subnet with the private tag: there is nothing to take over.</summary>
        public virtual void NoSubnets()
        {
        }

        /// <summary>The plan, before anything of it is written.</summary>
        public virtual void Planned(TakeoverPlan plan)
        {
        }
    }
}
