using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Monitor.Contracts;
using Monitor.Contracts.Alerts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;

namespace Monitor.Hosting.Access;

/// <summary>
/// The API keys, known by their hashes: the first admin key from MONITOR_ADMIN_KEY, the others from the
/// ApiKeyIssued and ApiKeyRevoked events of the stream <c>api-keys</c>. Every service with an API reads the same
/// stream, so a key issued or revoked through one is known to the others: <see cref="ApiKeysRefresh"/> reads what was
/// appended since the last read every <see cref="ApiKeysRefresh.Interval"/>, and an unknown key makes the stream be
/// read at once (at most once a second).
/// </summary>
public sealed class ApiKeys(Monitor.EventStore.EventStore store, TimeProvider clock)
{
    public const string Header = "X-Api-Key";

    /// <summary>The HttpOnly cookie a browser session carries the key in (an EventSource cannot send headers).</summary>
    public const string Cookie = "monitor_key";
    public static readonly Guid StreamId = CoverageIdentity.NameBased(CoverageIdentity.Namespace, "api-keys");

    private static readonly TimeSpan UnknownKeyRefreshInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Caller> _byHash = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, ApiKeyView> _issued = new();
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> _revocations = new();
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private DateTimeOffset _loadedAt = DateTimeOffset.MinValue;
    private long _version;

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public void AddAdmin(string key) => _byHash[Hash(key)] = new Caller("admin", Roles.Admin);

    /// <summary>Reads the events appended to <c>api-keys</c> since the last read (all of them the first time).</summary>
    public async Task LoadAsync(CancellationToken ct)
    {
        await _refresh.WaitAsync(ct);
        try
        {
            await ReadNewAsync(ct);
        }
        finally
        {
            _refresh.Release();
        }
    }

    private async Task ReadNewAsync(CancellationToken ct)
    {
        foreach (var e in await store.ReadStreamAsync(StreamId, _version + 1, ct))
        {
            Apply(e.Data);
            _version = e.Version;
        }
        _loadedAt = clock.GetUtcNow();
    }

    private void Apply(object e)
    {
        switch (e)
        {
            case ApiKeyIssued issued when !_issued.ContainsKey(issued.KeyId):
                _issued[issued.KeyId] = ApiKeyView.Of(issued);
                _byHash[issued.Hash] = new Caller(issued.Owner, issued.Role, issued.KeyId);
                break;
            case ApiKeyRevoked revoked when _issued.TryGetValue(revoked.KeyId, out var view) && view.RevokedAt is null:
                _issued[revoked.KeyId] = view with { RevokedAt = revoked.At, RevokedBy = revoked.RevokedBy };
                _byHash.TryRemove(view.Hash, out _);
                if (_revocations.TryRemove(revoked.KeyId, out var revocation)) revocation.Cancel();
                break;
        }
    }

    public Caller? Find(string? key) => string.IsNullOrEmpty(key) ? null : _byHash.GetValueOrDefault(Hash(key));

    /// <summary>Finds the key, reading the stream again first when the key is unknown and the last read is over a second old.</summary>
    public async Task<Caller?> FindAsync(string? key, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(key)) return null;
        if (Find(key) is { } known) return known;
        // One refresh at a time, and not more than once a second, so unknown keys cannot hammer the store.
        await _refresh.WaitAsync(ct);
        try
        {
            if (clock.GetUtcNow() - _loadedAt >= UnknownKeyRefreshInterval) await ReadNewAsync(ct);
        }
        finally
        {
            _refresh.Release();
        }
        return Find(key);
    }

    /// <summary>
    /// Cancelled once the caller's key is revoked (never for the MONITOR_ADMIN_KEY admin): what a long-running
    /// request, such as a live stream, links its token to.
    /// </summary>
    public CancellationToken Revocation(Caller caller)
    {
        if (caller.KeyId is not { } keyId) return CancellationToken.None;
        var revocation = _revocations.GetOrAdd(keyId, _ => new CancellationTokenSource());
        // Revoked before the token was asked for (or while it was being made): cancel it now.
        if (_issued.TryGetValue(keyId, out var view) && view.RevokedAt is not null && _revocations.TryRemove(keyId, out var late)) late.Cancel();
        return revocation.Token;
    }

    /// <summary>Every key issued, oldest first, revoked ones included.</summary>
    public IReadOnlyList<ApiKeyView> List() => _issued.Values.OrderBy(k => k.IssuedAt).ThenBy(k => k.Id).ToArray();

    /// <summary>Issues a new random key and returns it; only its hash (and last four characters) are stored.</summary>
    public async Task<(string Key, ApiKeyView View)> IssueAsync(string owner, string role, string? name, Caller by, CancellationToken ct)
    {
        var key = "mk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var issued = new ApiKeyIssued(Guid.NewGuid(), owner, role, Hash(key), by.Owner, clock.GetUtcNow(), name, key[^4..]);
        await store.AppendAsync(StreamId, "api-keys", ExpectedVersion.Any, [new EventData(issued.KeyId, issued)], ct);
        Apply(issued);
        return (key, _issued[issued.KeyId]);
    }

    /// <summary>Revokes the key (once: the event id is derived from the key's); null when no such key was issued.</summary>
    public async Task<ApiKeyView?> RevokeAsync(Guid keyId, Caller by, CancellationToken ct)
    {
        if (!_issued.ContainsKey(keyId)) await LoadAsync(ct);
        if (!_issued.TryGetValue(keyId, out var view)) return null;
        if (view.RevokedAt is not null) return view;
        var revoked = new ApiKeyRevoked(keyId, by.Owner, clock.GetUtcNow());
        await store.AppendAsync(StreamId, "api-keys", ExpectedVersion.Any,
            [new EventData(CoverageIdentity.NameBased(keyId, MonitorEventTypes.ApiKeyRevoked), revoked)], ct);
        // Read back rather than applied: a revocation made elsewhere meanwhile is the one that stands.
        await LoadAsync(ct);
        return _issued[keyId];
    }
}
