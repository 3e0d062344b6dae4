using System.Text.Json;
using System.Text.RegularExpressions;
using Monitor.Api.Tests.Infrastructure;
using Monitor.Testing;

namespace Monitor.Api.Tests.Access;

public partial class When_reading_the_openapi_document(PostgresSchema schema) : IClassFixture<PostgresSchema>, IAsyncLifetime
{
    private ApiApp _api = null!;

    public async Task InitializeAsync() => _api = await ApiApp.StartAsync(schema);

    public async Task DisposeAsync() => await _api.DisposeAsync();

    public static TheoryData<string, string> Contract() => new()
    {
        { "get", "/api/mentions" }, { "get", "/api/mentions/export" }, { "get", "/api/timeline" }, { "get", "/api/volume" },
        { "get", "/api/entities/share" }, { "get", "/api/authors/top" }, { "get", "/api/range" }, { "get", "/api/alerts" },
        { "post", "/api/alerts/{id}/ack" }, { "get", "/api/alerts/stream" }, { "get", "/api/feeds" }, { "get", "/api/subscriptions" },
        { "get", "/api/projections" }, { "post", "/api/projections/{name}/rebuild" }, { "post", "/api/session" }, { "delete", "/api/session" },
        { "post", "/api/keys" }, { "get", "/api/keys" }, { "delete", "/api/keys/{id}" },
    };

    private async Task<JsonElement> DocumentAsync()
    {
        using var anonymous = _api.Client(key: null);
        return await anonymous.GetJsonAsync("/openapi/v1.json");
    }

    [Theory]
    [MemberData(nameof(Contract))]
    public async Task It_lists_each_endpoint_of_the_contract(string method, string path)
    {
        var paths = (await DocumentAsync()).GetProperty("paths");

        Assert.True(paths.TryGetProperty(path, out var item), $"{path} is not in the document");
        Assert.True(item.TryGetProperty(method, out _), $"{method.ToUpperInvariant()} {path} is not in the document");
    }

    [Fact]
    public async Task It_lists_every_api_route_the_service_maps_and_how_to_authenticate()
    {
        var document = await DocumentAsync();
        var mapped = _api.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api") == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Method: m.ToLowerInvariant(), Path: Constraint().Replace(e.RoutePattern.RawText!, "{$1}"))))
            .ToArray();
        var listed = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => (Method: m.Name, Path: p.Name)))
            .ToHashSet();

        Assert.True(mapped.Length >= Contract().Count());
        Assert.All(mapped, route => Assert.Contains(route, listed));
        Assert.Equal("header", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("apiKey").GetProperty("in").GetString());
    }

    // "{id:guid}" in a route is "{id}" in the document
    [GeneratedRegex(@"\{(\w+):[^}]+\}")]
    private static partial Regex Constraint();
}
