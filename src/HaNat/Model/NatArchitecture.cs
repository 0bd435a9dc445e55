namespace HaNat.Model
{
    /// <summary>The CPU architecture of the NAT's image; it decides the default instance type.</summary>
    public enum NatArchitecture
    {
        Arm64,
        X86_64,
    }
}
