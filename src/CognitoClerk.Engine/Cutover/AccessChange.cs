namespace CognitoClerk.Engine.Cutover
{
    /// <summary>A change to a user's access that a sync may make.</summary>
    public enum AccessChange
    {
        None,
        Ban,
        Lock,
        Delete,
    }
}
