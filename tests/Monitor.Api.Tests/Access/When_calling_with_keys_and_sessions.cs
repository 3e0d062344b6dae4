using System.Net;
using System.Net.Http.Json;
using Monitor.Api.Tests.Infrastructure;
using Monitor.Contracts.Alerts;
using Monitor.Hosting.Access;
using Monitor.ReadModels.Subscriptions;

namespace Monitor.Api.Tests.Access;

public class When_calling_with_keys_and_sessions(SampleApi sample) : IClassFixture<SampleApi>
{
    private ApiApp Api => sample.Api;

    [Fact]
    public async Task Without_a_key_the_api_answers_401_saying_what_is_missing()
    {
        using var anonymous = Api.Client(key: null);
        using var response = await anonymous.GetAsync("/api/mentions");
        var problem = await response.ProblemAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(ApiKeys.Header, problem.Title);
    }

    [Fact]
    public async Task An_unknown_key_is_refused_as_unknown()
    {
        using var stranger = Api.Client(key: "mk_not-a-key-anyone-issued");
        using var response = await stranger.GetAsync("/api/feeds");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("not known", (await response.ProblemAsync()).Title);
    }

    [Fact]
    public async Task A_viewer_reads_but_cannot_acknowledge_or_rebuild()
    {
        var alert = SampleAlerts.Alert(Guid.NewGuid(), "viewer-test", SampleCoverage.Start.AddHours(3));
        await SampleAlerts.AppendAsync(Api.Store, alert);
        using var viewer = Api.Client(await Api.IssueKeyAsync("vera", Roles.Viewer));

        using var read = await viewer.GetAsync("/api/mentions");
        using var ack = await viewer.PostAsync($"/api/alerts/{alert.AlertId}/ack", null);
        using var rebuild = await viewer.PostAsync("/api/projections/mentions/rebuild", null);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, ack.StatusCode);
        Assert.Contains("Viewers", (await ack.ProblemAsync()).Title);
        Assert.Equal(HttpStatusCode.Forbidden, rebuild.StatusCode);
        Assert.DoesNotContain((await Api.Store.ReadStreamAsync(alert.AlertId)).Select(e => e.Data), d => d is AlertAcknowledged);
    }

    [Fact]
    public async Task An_analyst_sees_only_their_subscriptions_and_nobody_sees_channel_targets_or_secrets()
    {
        var own = SampleAlerts.Subscription("ana", "SU7 negative");
        var other = SampleAlerts.Subscription("bob", "BYD watch");
        await SampleAlerts.AppendAsync(Api.Store, own, new SubscriptionPaused(own.SubscriptionId, "ana", SampleCoverage.Start.AddHours(1)));
        await SampleAlerts.AppendAsync(Api.Store, other);
        await Api.WaitForProjectionsAsync();
        using var analyst = Api.Client(await Api.IssueKeyAsync("ana", Roles.Analyst));
        using var viewer = Api.Client(await Api.IssueKeyAsync("vic", Roles.Viewer));
        using var admin = Api.Client();

        var seenByAnalyst = await analyst.GetAsync<SubscriptionDocument[]>("/api/subscriptions");
        var seenByViewer = await viewer.GetAsync<SubscriptionDocument[]>("/api/subscriptions");
        var rawForAdmin = await admin.GetStringAsync("/api/subscriptions");

        var mine = Assert.Single(seenByAnalyst);
        Assert.Equal((own.SubscriptionId, "ana", true), (mine.Id, mine.Owner, mine.Paused));
        Assert.Equal([AlertChannelKinds.Webhook], mine.Channels.Select(c => c.Kind));
        Assert.Equal(new[] { own.SubscriptionId, other.SubscriptionId }.Order(), seenByViewer.Select(s => s.Id).Order());
        Assert.Contains(other.SubscriptionId.ToString(), rawForAdmin);
        Assert.DoesNotContain("T0KEN", rawForAdmin);
        Assert.DoesNotContain("s3cret", rawForAdmin);
    }

    [Fact]
    public async Task A_browser_session_carries_the_key_in_an_http_only_strict_cookie_until_it_ends()
    {
        var key = await Api.IssueKeyAsync("sam", Roles.Analyst);
        var cookies = new CookieContainer();
        using var browser = Api.Client(key: null, new HttpClientHandler { CookieContainer = cookies });

        using var signIn = await browser.PostAsJsonAsync("/api/session", new { key });
        var setCookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"));
        using var withCookie = await browser.GetAsync("/api/feeds");
        using var signOut = await browser.DeleteAsync("/api/session");
        using var afterSignOut = await browser.GetAsync("/api/feeds");

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.StartsWith(ApiKeys.Cookie + "=", setCookie);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, withCookie.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterSignOut.StatusCode);
    }

    [Fact]
    public async Task A_session_needs_a_known_key()
    {
        using var browser = Api.Client(key: null);

        using var empty = await browser.PostAsJsonAsync("/api/session", new { key = "" });
        using var unknown = await browser.PostAsJsonAsync("/api/session", new { key = "mk_made-up" });

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(["key"], (await empty.ProblemAsync()).Fields);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.False(unknown.Headers.Contains("Set-Cookie"));
    }
}
