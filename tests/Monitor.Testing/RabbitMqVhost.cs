using System.Net.Http.Headers;
using System.Text;
using Xunit;

namespace Monitor.Testing;

/// <summary>
/// A fresh RabbitMQ virtual host for one test class, deleted afterwards with every queue and
/// exchange in it: a queue left from an earlier run would otherwise stay bound and receive copies.
/// </summary>
public sealed class RabbitMqVhost : IAsyncLifetime
{
    private readonly HttpClient _http;
    private readonly Uri _broker;

    public RabbitMqVhost() : this(TestEnvironment.RabbitMq, TestEnvironment.RabbitMqManagement) { }

    private RabbitMqVhost(Uri broker, Uri management)
    {
        _broker = broker;
        ManagementUri = management;
        _http = new HttpClient { BaseAddress = new Uri(management.GetLeftPart(UriPartial.Authority)), Timeout = TimeSpan.FromSeconds(30) };
        var credentials = Uri.UnescapeDataString(management.UserInfo);
        _http.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        Name = TestEnvironment.UniqueName("t");
    }

    /// <summary>A fresh vhost on another broker than the shared one (e.g. a test's private node).</summary>
    public static RabbitMqVhost On(Uri broker, Uri management) => new(broker, management);

    public string Name { get; }

    /// <summary>http://user:password@host:port of the broker's management API.</summary>
    public Uri ManagementUri { get; }

    /// <summary>amqp://user:password@host:port/{vhost}</summary>
    public Uri AmqpUri
    {
        get
        {
            var b = new UriBuilder(_broker) { Path = "/" + Uri.EscapeDataString(Name) };
            return b.Uri;
        }
    }

    public async Task InitializeAsync()
    {
        await Send(HttpMethod.Put, $"/api/vhosts/{Uri.EscapeDataString(Name)}", "{}");
        await GrantAccessAsync();
    }

    public async Task DisposeAsync()
    {
        try { await Send(HttpMethod.Delete, $"/api/vhosts/{Uri.EscapeDataString(Name)}", null); }
        finally { _http.Dispose(); }
    }

    /// <summary>The number of ready messages in a queue of this vhost (0 when it does not exist).</summary>
    public async Task<long> MessageCountAsync(string queue)
    {
        using var response = await _http.GetAsync($"/api/queues/{Uri.EscapeDataString(Name)}/{Uri.EscapeDataString(queue)}");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return 0;
        response.EnsureSuccessStatusCode();
        using var doc = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.TryGetProperty("messages", out var m) && m.ValueKind == System.Text.Json.JsonValueKind.Number
            ? m.GetInt64() : 0;
    }

    /// <summary>
    /// Closes every client connection to this vhost from the broker's side, as a broker restart or a
    /// network cut does; returns how many it closed. <paramref name="beforeClosing"/> runs once they are listed
    /// (a user whose access is revoked no longer sees them).
    /// </summary>
    public async Task<int> CloseConnectionsAsync(Func<Task>? beforeClosing = null)
    {
        var names = await ConnectionsAsync();
        if (beforeClosing is not null) await beforeClosing();
        foreach (var name in names)
            await Send(HttpMethod.Delete, $"/api/connections/{Uri.EscapeDataString(name)}", null);
        return names.Count;
    }

    /// <summary>The names of the client connections to this vhost, as the management API last sampled them (every few seconds).</summary>
    public async Task<IReadOnlyList<string>> ConnectionsAsync()
    {
        using var response = await _http.GetAsync($"/api/vhosts/{Uri.EscapeDataString(Name)}/connections");
        response.EnsureSuccessStatusCode();
        using var doc = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToList();
    }

    /// <summary>Takes the test user's access to this vhost away: its connections are refused until <see cref="GrantAccessAsync"/>.</summary>
    public Task RevokeAccessAsync() =>
        Send(HttpMethod.Delete, $"/api/permissions/{Uri.EscapeDataString(Name)}/{Uri.EscapeDataString(User)}", null);

    /// <summary>Gives the test user full access to this vhost (as <see cref="InitializeAsync"/> does).</summary>
    public Task GrantAccessAsync() =>
        Send(HttpMethod.Put, $"/api/permissions/{Uri.EscapeDataString(Name)}/{Uri.EscapeDataString(User)}",
            """{"configure":".*","write":".*","read":".*"}""");

    private string User => Uri.UnescapeDataString(ManagementUri.UserInfo.Split(':')[0]);

    private async Task Send(HttpMethod method, string path, string? json)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        try
        {
            using var response = await _http.SendAsync(request);
            if (!response.IsSuccessStatusCode && !(method == HttpMethod.Delete && response.StatusCode == System.Net.HttpStatusCode.NotFound))
                throw new InvalidOperationException(
                    $"RabbitMQ management {method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        catch (HttpRequestException e)
        {
            throw new InvalidOperationException(
                $"RabbitMQ management API is not reachable at {_http.BaseAddress}. Run the tests through ./monitor test, which provisions it.", e);
        }
    }
}
