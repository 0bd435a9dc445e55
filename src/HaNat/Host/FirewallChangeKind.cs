using System.Collections.Generic;
using System.Linq;

namespace HaNat.Host
{
    internal enum FirewallChangeKind
    {
        Add,
        Delete,
    }
}
