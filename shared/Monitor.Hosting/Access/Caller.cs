namespace Monitor.Hosting.Access;

/// <summary>Who is calling the API, from their key.</summary>
/// <param name="KeyId">The issued key's id; null for the MONITOR_ADMIN_KEY admin.</param>
public sealed record Caller(string Owner, string Role, Guid? KeyId = null)
{
    public bool IsAdmin => Role == Roles.Admin;
    public bool CanWrite => Role is Roles.Admin or Roles.Analyst;

    /// <summary>
    /// Analysts see only their own subscriptions, and the alerts those raised; admins and viewers see all.
    /// <paramref name="subscriptionOwner"/> null: the subscription is not known, which only admins and viewers may see.
    /// </summary>
    public bool CanSee(string? subscriptionOwner) => Role != Roles.Analyst || (subscriptionOwner is not null && subscriptionOwner == Owner);

    /// <summary>Admins change every subscription; analysts only their own; viewers none.</summary>
    public bool CanChange(string subscriptionOwner) => IsAdmin || (Role == Roles.Analyst && subscriptionOwner == Owner);
}
