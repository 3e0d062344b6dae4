namespace Monitor.Contracts.Alerts;

/// <summary>
/// An API key was issued. Only the key's SHA-256 hash is stored (keys are 256-bit random values, so a fast
/// hash is enough); the key itself is shown once, to whoever issued it.
/// </summary>
/// <param name="Role">"admin", "analyst" or "viewer".</param>
/// <param name="Hash">Lower-case hex SHA-256 of the key.</param>
/// <param name="Name">What the key is for, e.g. "dashboard wall"; null for keys issued without one.</param>
/// <param name="Last4">The key's last four characters, so its holder can tell it in a list; null for keys issued before it was kept.</param>
public sealed record ApiKeyIssued(Guid KeyId, string Owner, string Role, string Hash, string IssuedBy, DateTimeOffset At,
    string? Name = null, string? Last4 = null);
