namespace Monitor.Hosting.Access;

/// <summary>Who is calling the API, from their key.</summary>
public sealed record Caller(string Owner, string Role)
{
    public bool IsAdmin => Role == Roles.Admin;
    public bool CanWrite => Role is Roles.Admin or Roles.Analyst;

    /// <summary>Admins change every subscription; analysts only their own; viewers none.</summary>
    public bool CanChange(string subscriptionOwner) => IsAdmin || (Role == Roles.Analyst && subscriptionOwner == Owner);
}
