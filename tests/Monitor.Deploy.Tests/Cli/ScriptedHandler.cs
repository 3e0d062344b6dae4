using System.Net;

namespace Monitor.Deploy.Tests.Cli;

/// <summary>An HTTP stack that answers each request with the next scripted step and records what it was sent.</summary>
public sealed class ScriptedHandler(params Func<CancellationToken, Task<HttpResponseMessage>>[] steps) : HttpMessageHandler
{
    private int next;

    public List<string> Bodies { get; } = [];
    public int Attempts => Bodies.Count;

    public static Func<CancellationToken, Task<HttpResponseMessage>> Answer(HttpStatusCode status, string body = "") =>
        _ => Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body) });

    public static Func<CancellationToken, Task<HttpResponseMessage>> Refuse() =>
        _ => throw new HttpRequestException("Connection refused (127.0.0.1:5101)");

    public static Func<CancellationToken, Task<HttpResponseMessage>> Hang() =>
        async token =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), token);
            throw new InvalidOperationException("the attempt timeout did not cancel the request");
        };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Bodies.Add(await request.Content!.ReadAsStringAsync(cancellationToken));
        var step = steps[Math.Min(next++, steps.Length - 1)];
        return await step(cancellationToken);
    }
}
