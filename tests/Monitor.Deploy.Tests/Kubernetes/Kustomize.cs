using System.Diagnostics;
using System.Text.Json.Nodes;
using YamlDotNet.Serialization;

namespace Monitor.Deploy.Tests.Kubernetes;

/// <summary>
/// Renders an overlay of deploy/k8s with `kubectl kustomize` and reads the objects back. kubectl is
/// taken from MONITOR_KUBECTL, then .monitor/tools/kubectl (where .ci/run installs it), then the PATH.
/// </summary>
public static class Kustomize
{
    public const string OverlaysFolder = "deploy/k8s/overlays";

    public static IReadOnlyList<string> Overlays() =>
        Directory.GetDirectories(Repository.PathOf(OverlaysFolder)).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!;

    public static string Kubectl()
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("MONITOR_KUBECTL"), Repository.PathOf(".monitor/tools/kubectl") }
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(dir => Path.Combine(dir, "kubectl")));
        return candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c) && File.Exists(c))
            ?? throw new InvalidOperationException(
                "kubectl was not found (MONITOR_KUBECTL, .monitor/tools/kubectl, PATH); .ci/run installs it, or set MONITOR_KUBECTL");
    }

    /// <summary>Every object the overlay renders, as JSON.</summary>
    public static IReadOnlyList<JsonObject> Render(string overlay)
    {
        var start = new ProcessStartInfo(Kubectl(), ["kustomize", Repository.PathOf($"{OverlaysFolder}/{overlay}")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill();
            throw new TimeoutException($"kubectl kustomize {overlay} did not finish in 60 s");
        }
        if (process.ExitCode != 0) throw new InvalidOperationException($"kubectl kustomize {overlay} failed: {errors.Result}");

        var deserializer = new DeserializerBuilder().Build();
        var json = new SerializerBuilder().JsonCompatible().Build();
        return output.Result.Split("\n---\n")
            .Where(document => document.Trim().Length > 0)
            .Select(document => (JsonObject)JsonNode.Parse(json.Serialize(deserializer.Deserialize<object>(document)))!)
            .ToList();
    }

    public static string Kind(this JsonObject o) => o["kind"]!.GetValue<string>();

    public static string Name(this JsonObject o) => o["metadata"]!["name"]!.GetValue<string>();

    public static IEnumerable<JsonObject> OfKind(this IEnumerable<JsonObject> objects, string kind) => objects.Where(o => o.Kind() == kind);

    public static JsonObject Container(this JsonObject deployment) =>
        (JsonObject)deployment["spec"]!["template"]!["spec"]!["containers"]![0]!;

    public static IReadOnlyList<JsonObject> Env(this JsonObject container) =>
        container["env"]?.AsArray().Select(e => (JsonObject)e!).ToList() ?? [];

    public static string? EnvValue(this JsonObject container, string name) =>
        container.Env().FirstOrDefault(e => e["name"]!.GetValue<string>() == name)?["value"]?.GetValue<string>();

    public static string Text(this JsonNode? node) => node?.ToString() ?? "";
}
