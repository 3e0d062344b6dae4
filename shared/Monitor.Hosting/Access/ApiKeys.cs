using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Monitor.Contracts;
using Monitor.Contracts.Alerts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;

namespace Monitor.Hosting.Access;

/// <summary>
/// The API keys, known by their hashes: the first admin key from MONITOR_ADMIN_KEY, the others from
/// the ApiKeyIssued events of the stream <c>api-keys</c>. Every service with an API reads the same stream, so a key
/// issued through one is known to the others: an unknown key makes the stream be read again (at most once a second).
/// </summary>
public sealed class ApiKeys(Monitor.EventStore.EventStore store, TimeProvider clock)
{
    public const string Header = "X-Api-Key";

    /// <summary>The HttpOnly cookie a browser session carries the key in (an EventSource cannot send headers).</summary>
    public const string Cookie = "monitor_key";
    public static readonly Guid StreamId = CoverageIdentity.NameBased(CoverageIdentity.Namespace, "api-keys");

    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Caller> _byHash = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private DateTimeOffset _loadedAt = DateTimeOffset.MinValue;

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public void AddAdmin(string key) => _byHash[Hash(key)] = new Caller("admin", Roles.Admin);

    public async Task LoadAsync(CancellationToken ct)
    {
        foreach (var e in await store.ReadStreamAsync(StreamId, ct: ct))
            if (e.Data is ApiKeyIssued issued) _byHash[issued.Hash] = new Caller(issued.Owner, issued.Role);
        _loadedAt = clock.GetUtcNow();
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
            if (clock.GetUtcNow() - _loadedAt >= RefreshInterval) await LoadAsync(ct);
        }
        finally
        {
            _refresh.Release();
        }
        return Find(key);
    }

    /// <summary>Issues a new random key and returns it; only its hash is stored.</summary>
    public async Task<string> IssueAsync(string owner, string role, Caller by, CancellationToken ct)
    {
        var key = "mk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var issued = new ApiKeyIssued(Guid.NewGuid(), owner, role, Hash(key), by.Owner, clock.GetUtcNow());
        await store.AppendAsync(StreamId, "api-keys", ExpectedVersion.Any, [new EventData(issued.KeyId, issued)], ct);
        _byHash[issued.Hash] = new Caller(owner, role);
        return key;
    }
}
