using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Monitor.Contracts;
using Monitor.Contracts.Alerts;
using Monitor.EventStore;
using Monitor.Hosting.Storage;

namespace Monitor.Alerts.Access;

/// <summary>
/// The API keys, known by their hashes: the first admin key from MONITOR_ALERTS_ADMIN_KEY, the others from
/// the ApiKeyIssued events of the stream <c>api-keys</c>.
/// </summary>
public sealed class ApiKeys(EventStore.EventStore store, TimeProvider clock)
{
    public const string Header = "X-Api-Key";
    public static readonly Guid StreamId = CoverageIdentity.NameBased(CoverageIdentity.Namespace, "api-keys");

    private readonly ConcurrentDictionary<string, Caller> _byHash = new(StringComparer.Ordinal);

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public void AddAdmin(string key) => _byHash[Hash(key)] = new Caller("admin", Roles.Admin);

    public async Task LoadAsync(CancellationToken ct)
    {
        foreach (var e in await store.ReadStreamAsync(StreamId, ct: ct))
            if (e.Data is ApiKeyIssued issued) _byHash[issued.Hash] = new Caller(issued.Owner, issued.Role);
    }

    public Caller? Find(string? key) => string.IsNullOrEmpty(key) ? null : _byHash.GetValueOrDefault(Hash(key));

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
