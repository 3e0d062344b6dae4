namespace Monitor.Contracts.Alerts;

/// <summary>
/// An API key was issued. Only the key's SHA-256 hash is stored (keys are 256-bit random values, so a fast
/// hash is enough); the key itself is shown once, to whoever issued it.
/// </summary>
/// <param name="Role">"admin", "analyst" or "viewer".</param>
/// <param name="Hash">Lower-case hex SHA-256 of the key.</param>
public sealed record ApiKeyIssued(Guid KeyId, string Owner, string Role, string Hash, string IssuedBy, DateTimeOffset At);
