namespace HaNat.Aws.Ec2
{
    /// <summary>An EC2 key pair: HaNat only asks whether one of a name exists.</summary>
    internal sealed class Ec2KeyPair
    {
        public Ec2KeyPair(string name) => Name = name;

        public string Name { get; }
    }
}
