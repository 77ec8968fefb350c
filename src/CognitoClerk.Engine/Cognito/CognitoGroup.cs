namespace CognitoClerk.Engine.Cognito
{
    /// <summary>One group of a user pool, as ListGroups describes it.</summary>
    public sealed class CognitoGroup
    {
        public CognitoGroup(string name, int? precedence)
        {
            Name = name ?? throw new System.ArgumentNullException(nameof(name));
            Precedence = precedence;
        }

        public string Name { get; }

        /// <summary>Lower wins when a user is in several groups; null when the group has none (it then sorts last).</summary>
        public int? Precedence { get; }

        public override string ToString() => Precedence.HasValue ? $"{Name} ({Precedence})" : Name;
    }
}
