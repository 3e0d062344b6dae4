namespace Monitor.Cli.Keys;

/// <summary>A key as GET /api/keys lists it: never the key itself, only its last four characters and a fingerprint.</summary>
public sealed record KeyView(
    Guid Id,
    string? Name,
    string Owner,
    string Role,
    string IssuedBy,
    DateTimeOffset IssuedAt,
    string Fingerprint,
    string? Last4,
    bool Revoked,
    DateTimeOffset? RevokedAt,
    string? RevokedBy);

/// <summary>The answer to POST /api/keys: the only time the key is shown.</summary>
public sealed record IssuedKey(string Key, Guid Id, string Owner, string Role, string? Name);
