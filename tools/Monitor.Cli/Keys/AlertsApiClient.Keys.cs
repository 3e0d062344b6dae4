using System.Net.Http.Json;
using Monitor.Cli.Keys;

namespace Monitor.Cli.Subscriptions;

/// <summary>The alerts service's key API (admin keys only).</summary>
public sealed partial class AlertsApiClient
{
    public Task<IReadOnlyList<KeyView>> ListKeysAsync(CancellationToken ct) =>
        SendAsync<IReadOnlyList<KeyView>>(_reads, () => new HttpRequestMessage(HttpMethod.Get, "/api/keys"), "keys", ct);

    public Task<IssuedKey> IssueKeyAsync(string owner, string role, string? name, CancellationToken ct) =>
        SendAsync<IssuedKey>(_writes, () => new HttpRequestMessage(HttpMethod.Post, "/api/keys")
        {
            Content = JsonContent.Create(new { owner, role, name }, options: Json),
        }, "key", ct);

    /// <summary>Revoking twice is the same as once, so a lost answer may be retried like a read.</summary>
    public Task<KeyView> RevokeKeyAsync(Guid id, CancellationToken ct) =>
        SendAsync<KeyView>(_reads, () => new HttpRequestMessage(HttpMethod.Delete, $"/api/keys/{id}"), $"key {id}", ct);
}
