using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Monitor.Feeds.Sdk.Http;
using Monitor.Feeds.Sdk.Polling;
using Monitor.Feeds.Tests.Support;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Xunit;

namespace Monitor.Feeds.Tests.Sdk;

public sealed class When_the_source_pushes_back
{
    [Fact]
    public async Task Should_wait_as_long_as_Retry_After_says_before_asking_again()
    {
        var calls = 0;
        await using var server = await LocalSourceServer.StartAsync(app => app.MapGet("/search", (HttpContext c) =>
            Interlocked.Increment(ref calls) == 1 ? Misbehaviour.TooManyRequests(c, retryAfterSeconds: 1) : Results.Text("""{"ok":1}""")));
        var client = Clients.Create(Clients.Quick());

        var response = await client.GetAsync(server.Url("search"), null, CancellationToken.None);

        Assert.Equal("""{"ok":1}""", Encoding.UTF8.GetString(response.Body));
        var seen = server.Requests.ToArray();
        Assert.Equal(2, seen.Length);
        // A lower bound only: the second request must not come before the source allowed it.
        Assert.True(seen[1].At - seen[0].At >= TimeSpan.FromMilliseconds(950), $"asked again after {seen[1].At - seen[0].At}");
    }

    [Fact]
    public async Task Should_hold_back_other_requests_while_the_source_asked_for_a_pause()
    {
        await using var server = await LocalSourceServer.StartAsync(app =>
        {
            app.MapGet("/limited", (HttpContext c) => Misbehaviour.TooManyRequests(c, retryAfterSeconds: 1));
            app.MapGet("/other", () => Results.Text("{}"));
        });
        var gate = new RequestGate(TimeSpan.Zero, TimeProvider.System);
        var settings = Clients.Quick(retries: 0);
        var client = new FeedHttpClient(new HttpClient(), gate, settings, TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<FeedHttpClient>.Instance);

        var refused = await Assert.ThrowsAsync<FeedHttpException>(() => client.GetAsync(server.Url("limited"), null, CancellationToken.None));
        Assert.Contains("429", refused.Message);
        Assert.NotNull(gate.PausedUntil);
        await client.GetAsync(server.Url("other"), null, CancellationToken.None);

        var seen = server.Requests.ToArray();
        Assert.True(seen[1].At - seen[0].At >= TimeSpan.FromMilliseconds(950), $"the next request left after {seen[1].At - seen[0].At}");
    }

    [Fact]
    public async Task Should_retry_a_failing_page_and_report_the_status_when_retries_run_out()
    {
        await using var server = await LocalSourceServer.StartAsync(app => app.MapGet("/broken", Misbehaviour.Fail));
        var client = Clients.Create(Clients.Quick(retries: 2));

        var error = await Assert.ThrowsAsync<FeedHttpException>(() => client.GetAsync(server.Url("broken"), null, CancellationToken.None));

        Assert.Equal(3, server.CountOf("/broken"));
        Assert.Contains("answered 500", error.Message);
        Assert.Contains("/broken", error.Message);
    }

    [Fact]
    public async Task Should_give_up_on_a_request_that_hangs_after_the_timeout()
    {
        await using var server = await LocalSourceServer.StartAsync(app => app.MapGet("/hang", Misbehaviour.Hang));
        var client = Clients.Create(Clients.Quick(retries: 1, timeout: TimeSpan.FromMilliseconds(300)));

        var error = await Assert.ThrowsAsync<TimeoutRejectedException>(() => client.GetAsync(server.Url("hang"), null, CancellationToken.None));

        Assert.Equal(2, server.CountOf("/hang"));
        Assert.Contains("timed out", FailureReason.Describe(error));
    }

    [Fact]
    public async Task Should_open_the_circuit_after_repeated_failures_and_stop_calling_the_source()
    {
        await using var server = await LocalSourceServer.StartAsync(app => app.MapGet("/down", Misbehaviour.Fail));
        var client = Clients.Create(Clients.Quick(retries: 0));

        for (var i = 0; i < 4; i++)
            await Assert.ThrowsAsync<FeedHttpException>(() => client.GetAsync(server.Url("down"), null, CancellationToken.None));
        var open = await Assert.ThrowsAsync<BrokenCircuitException>(() => client.GetAsync(server.Url("down"), null, CancellationToken.None));

        Assert.Equal(4, server.CountOf("/down"));
        Assert.StartsWith("circuit open", FailureReason.Describe(open));
    }
}
