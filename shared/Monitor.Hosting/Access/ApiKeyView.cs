using System.Text.Json.Serialization;
using Monitor.Contracts.Alerts;

namespace Monitor.Hosting.Access;

/// <summary>
/// An issued key as GET /api/keys lists it: never the key, only what tells it apart: its last four characters
/// (for keys issued since they are kept) and a fingerprint (the first 12 hex digits of its SHA-256).
/// </summary>
public sealed record ApiKeyView(
    Guid Id,
    string? Name,
    string Owner,
    string Role,
    string IssuedBy,
    DateTimeOffset IssuedAt,
    string Fingerprint,
    string? Last4,
    DateTimeOffset? RevokedAt = null,
    string? RevokedBy = null)
{
    /// <summary>The full hash stays inside the service: it is what a key is checked against.</summary>
    [JsonIgnore]
    public string Hash { get; init; } = "";

    public bool Revoked => RevokedAt is not null;

    public static ApiKeyView Of(ApiKeyIssued issued) =>
        new(issued.KeyId, issued.Name, issued.Owner, issued.Role, issued.IssuedBy, issued.At, issued.Hash[..12], issued.Last4) { Hash = issued.Hash };
}
