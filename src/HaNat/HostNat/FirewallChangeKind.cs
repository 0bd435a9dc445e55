using System.Collections.Generic;
using System.Linq;

namespace HaNat.HostNat
{
    internal enum FirewallChangeKind
    {
        Add,
        Delete,
    }
}
