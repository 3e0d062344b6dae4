namespace Monitor.Contracts.Alerts;

/// <summary>
/// An API key was revoked: every service that checks keys stops accepting it once it reads this event
/// (they poll the stream <c>api-keys</c> every few seconds), and its open live streams end.
/// </summary>
/// <param name="KeyId">The <see cref="ApiKeyIssued.KeyId"/> of the key.</param>
/// <param name="RevokedBy">Owner of the admin key that revoked it.</param>
public sealed record ApiKeyRevoked(Guid KeyId, string RevokedBy, DateTimeOffset At);
