using System;
using System.Collections.Generic;
using System.Linq;
using HaNat.Model;

namespace HaNat.Topology.Build
{
    internal sealed class FoundInstance : FoundResource
    {
        public FoundInstance(string id, string state, IReadOnlyDictionary<string, string>? tags) : base(id, tags) => State = state;

        public string State { get; }
    }
}
