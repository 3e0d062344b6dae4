using System.Net;
using Monitor.Api.Tests.Infrastructure;
using Monitor.Testing;

namespace Monitor.Api.Tests.Access;

public sealed class When_serving_the_dashboard(PostgresSchema schema) : IClassFixture<PostgresSchema>, IDisposable
{
    private readonly string _contentRoot = Directory.CreateTempSubdirectory("monitor-api-").FullName;

    public void Dispose() => Directory.Delete(_contentRoot, recursive: true);

    [Fact]
    public async Task The_root_serves_the_dashboards_index_without_a_key()
    {
        Directory.CreateDirectory(Path.Combine(_contentRoot, "wwwroot"));
        await File.WriteAllTextAsync(Path.Combine(_contentRoot, "wwwroot", "index.html"), "<!doctype html><title>Monitor dashboard</title>");
        await using var api = await ApiApp.StartAsync(schema, _contentRoot);
        using var browser = api.Client(key: null);

        using var root = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.Equal("text/html", root.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Monitor dashboard", await root.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_a_dashboard_the_root_is_404_and_the_api_still_answers()
    {
        await using var api = await ApiApp.StartAsync(schema, _contentRoot);
        using var browser = api.Client(key: null);
        using var http = api.Client();

        using var root = await browser.GetAsync("/");
        using var range = await http.GetAsync("/api/range");
        using var unknownApiPath = await http.GetAsync("/api/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, root.StatusCode);
        Assert.Equal(HttpStatusCode.OK, range.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownApiPath.StatusCode);
    }
}
