namespace HaNat.Layout
{
    /// <summary>A tag as the layout plans it. <see cref="PropagateAtLaunch"/> matters only on the Auto Scaling group.</summary>
    internal sealed class LayoutTag
    {
        public LayoutTag(string key, string value, bool propagateAtLaunch = false)
        {
            Key = key;
            Value = value;
            PropagateAtLaunch = propagateAtLaunch;
        }

        public string Key { get; }
        public string Value { get; }
        public bool PropagateAtLaunch { get; }

        public override string ToString() => Key + "=" + Value;
    }
}
