using Monitor.Testing;

namespace Monitor.Api.Tests.Infrastructure;

/// <summary>A class fixture: a fresh schema, the sample corpus appended, the API started and its read models caught up.</summary>
public sealed class SampleApi : IAsyncLifetime
{
    private readonly PostgresSchema _schema = new();

    public ApiApp Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _schema.InitializeAsync();
        Api = await ApiApp.StartAsync(_schema);
        await SampleCoverage.AppendAsync(Api.Store);
        await Api.WaitForProjectionsAsync();
    }

    public async Task DisposeAsync()
    {
        if (Api is not null) await Api.DisposeAsync();
        await _schema.DisposeAsync();
    }
}
