using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Monitor.Deploy.Tests.Compose;
using Monitor.Feeds.Sdk.Configuration;
using Monitor.Hosting.Configuration;
using Xunit;

namespace Monitor.Deploy.Tests.Kubernetes;

/// <summary>deploy/k8s: each overlay rendered by `kubectl kustomize`, then checked object by object.</summary>
public partial class When_rendering_the_kubernetes_manifests
{
    private static readonly Dictionary<string, IReadOnlyList<JsonObject>> Rendered = new();

    public static TheoryData<string> Overlays() => new(Kustomize.Overlays());

    private static IReadOnlyList<JsonObject> Render(string overlay)
    {
        lock (Rendered)
        {
            if (!Rendered.TryGetValue(overlay, out var objects)) Rendered[overlay] = objects = Kustomize.Render(overlay);
            return objects;
        }
    }

    private static IEnumerable<string> ServiceNames() => Repository.ServiceProjects().Select(ComposeFile.ServiceNameOf);

    private static JsonObject Deployment(IReadOnlyList<JsonObject> objects, string name) =>
        objects.OfKind("Deployment").SingleOrDefault(d => d.Name() == name)
        ?? throw new Xunit.Sdk.XunitException($"no Deployment {name}");

    [Fact]
    public void Should_have_overlays_to_render()
    {
        Assert.Contains("production", Kustomize.Overlays());
        Assert.Contains("example", Kustomize.Overlays());
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Should_run_every_service_as_a_deployment_behind_a_service(string overlay)
    {
        var objects = Render(overlay);

        Assert.All(ServiceNames(), name =>
        {
            var deployment = Deployment(objects, name);
            var service = objects.OfKind("Service").SingleOrDefault(s => s.Name() == name);
            Assert.NotNull(service);
            Assert.Equal(name, service["spec"]!["selector"]!["app.kubernetes.io/name"].Text());
            Assert.Equal(name, deployment["spec"]!["template"]!["metadata"]!["labels"]!["app.kubernetes.io/name"].Text());
        });
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Should_probe_live_and_ready_on_the_port_the_service_listens_on(string overlay)
    {
        foreach (var deployment in Render(overlay).OfKind("Deployment"))
        {
            var container = deployment.Container();
            var listensOn = ComposeFile.PortOf(container.EnvValue(MonitorSettings.UrlsVariable) ?? "");
            var http = container["ports"]!.AsArray().Single(p => p!["name"].Text() == "http")!;

            Assert.Equal(listensOn, int.Parse(http["containerPort"].Text()));
            Assert.Equal("/health/live", container["livenessProbe"]!["httpGet"]!["path"].Text());
            Assert.Equal("/health/ready", container["readinessProbe"]!["httpGet"]!["path"].Text());
            Assert.Equal("http", container["livenessProbe"]!["httpGet"]!["port"].Text());
            Assert.Equal("http", container["readinessProbe"]!["httpGet"]!["port"].Text());
            Assert.Equal(listensOn.ToString(), deployment["spec"]!["template"]!["metadata"]!["annotations"]!["prometheus.io/port"].Text());
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Should_give_every_container_cpu_and_memory_requests_and_limits(string overlay)
    {
        foreach (var deployment in Render(overlay).OfKind("Deployment"))
        {
            var resources = deployment.Container()["resources"];
            foreach (var bound in new[] { "requests", "limits" })
            foreach (var resource in new[] { "cpu", "memory" })
                Assert.False(string.IsNullOrEmpty(resources?[bound]?[resource].Text()), $"{deployment.Name()} has no {bound}.{resource}");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Should_run_the_relay_and_alerts_once_and_never_autoscale_them(string overlay)
    {
        var objects = Render(overlay);
        var scaled = ScaledDeployments(objects);

        foreach (var name in new[] { MonitorServices.Relay, MonitorServices.Alerts })
        {
            var deployment = Deployment(objects, name);
            Assert.Equal("1", deployment["spec"]!["replicas"].Text());
            Assert.Equal("Recreate", deployment["spec"]!["strategy"]!["type"].Text());
            Assert.DoesNotContain(name, scaled.Keys);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Should_autoscale_extraction_and_sentiment(string overlay)
    {
        var scaled = ScaledDeployments(Render(overlay));

        Assert.Contains(MonitorServices.Extraction, scaled.Keys);
        Assert.Contains(MonitorServices.Sentiment, scaled.Keys);
        Assert.All(scaled.Values, autoscaler =>
            Assert.True(int.Parse(autoscaler["spec"]![autoscaler.Kind() == "ScaledObject" ? "maxReplicaCount" : "maxReplicas"].Text()) > 1));
    }

    [Fact]
    public void Should_scale_the_workers_on_the_queues_they_consume_in_production()
    {
        var scaled = ScaledDeployments(Render("production"));

        Assert.Equal("coverage-ingested", Trigger(scaled[MonitorServices.Extraction])["queueName"].Text());
        Assert.Equal("content-extracted", Trigger(scaled[MonitorServices.Sentiment])["queueName"].Text());
        Assert.Empty(Render("production").OfKind("HorizontalPodAutoscaler"));
    }

    private static JsonNode Trigger(JsonObject scaledObject)
    {
        var trigger = scaledObject["spec"]!["triggers"]!.AsArray().Single()!;
        Assert.Equal("rabbitmq", trigger["type"].Text());
        Assert.Equal("QueueLength", trigger["metadata"]!["mode"].Text());
        return trigger["metadata"]!;
    }

    /// <summary>Deployments an autoscaler (HorizontalPodAutoscaler or KEDA ScaledObject) targets, with it.</summary>
    private static Dictionary<string, JsonObject> ScaledDeployments(IReadOnlyList<JsonObject> objects) =>
        objects.OfKind("HorizontalPodAutoscaler").Concat(objects.OfKind("ScaledObject"))
            .ToDictionary(a => a["spec"]!["scaleTargetRef"]!["name"].Text());

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Should_find_every_config_map_key_it_reads(string overlay)
    {
        var objects = Render(overlay);
        var configMaps = objects.OfKind("ConfigMap").ToDictionary(c => c.Name(), c => c["data"]?.AsObject().Select(p => p.Key).ToHashSet() ?? []);

        foreach (var deployment in objects.OfKind("Deployment"))
        {
            var container = deployment.Container();
            foreach (var source in container["envFrom"]?.AsArray() ?? [])
                Assert.Contains(source!["configMapRef"]!["name"].Text(), configMaps.Keys);
            foreach (var reference in container.Env().Select(e => e["valueFrom"]?["configMapKeyRef"]).OfType<JsonNode>())
                Assert.Contains(reference["key"].Text(), configMaps[reference["name"].Text()]);
        }
    }

    [Fact]
    public void Should_generate_every_secret_key_the_deployments_read_in_the_example()
    {
        var objects = Render("example");
        var secrets = objects.OfKind("Secret").ToDictionary(s => s.Name(), s => s["data"]!.AsObject().Select(p => p.Key).ToHashSet());

        foreach (var deployment in objects.OfKind("Deployment"))
        foreach (var reference in deployment.Container().Env().Select(e => e["valueFrom"]?["secretKeyRef"]).OfType<JsonNode>())
        {
            Assert.True(secrets.TryGetValue(reference["name"].Text(), out var keys), $"{deployment.Name()} reads Secret {reference["name"]}, which is not rendered");
            Assert.Contains(reference["key"].Text(), keys);
        }
        // the production overlay's KEDA triggers read keys the example documents too
        var documented = secrets.Values.Single();
        Assert.All(Render("production").OfKind("TriggerAuthentication").SelectMany(t => t["spec"]!["secretTargetRef"]!.AsArray()),
            r => Assert.Contains(r!["key"].Text(), documented));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Should_set_only_variables_each_service_reads_and_all_that_have_a_default(string overlay)
    {
        var objects = Render(overlay);
        var configMaps = objects.OfKind("ConfigMap").ToDictionary(c => c.Name(), c => c["data"]?.AsObject().Select(p => p.Key).ToList() ?? []);
        var known = MonitorServices.All.Concat(FeedSettings.FeedServices).ToHashSet();

        foreach (var deployment in objects.OfKind("Deployment").Where(d => known.Contains(d.Name())))
        {
            var service = deployment.Name();
            var container = deployment.Container();
            var set = container.Env().Select(e => e["name"].Text())
                .Concat((container["envFrom"]?.AsArray() ?? []).SelectMany(s => configMaps[s!["configMapRef"]!["name"].Text()]))
                .Where(n => n.StartsWith("MONITOR_", StringComparison.Ordinal) || n.StartsWith("ASPNETCORE_", StringComparison.Ordinal))
                .ToHashSet();
            var hosting = MonitorSettings.Variables.Where(v => FeedSettings.FeedServices.Contains(service)
                ? MonitorServices.All.All(v.Services.Contains) : v.Services.Contains(service)).ToList();
            var read = hosting.Select(v => v.Name).Concat(FeedSettings.Variables.Where(v => v.Services.Contains(service)).Select(v => v.Name)).ToHashSet();

            var unknown = set.Where(n => !read.Contains(n)).ToList();
            var missing = hosting.Where(v => v.Default is not null && !set.Contains(v.Name)).Select(v => v.Name).ToList();
            Assert.True(unknown.Count == 0, $"{service} sets {string.Join(", ", unknown)}, which it does not read");
            Assert.True(missing.Count == 0, $"{service} does not set {string.Join(", ", missing)}");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Should_let_only_the_relay_own_and_migrate_the_event_store(string overlay)
    {
        foreach (var deployment in Render(overlay).OfKind("Deployment"))
        {
            var container = deployment.Container();
            var relay = deployment.Name() == MonitorServices.Relay;
            var role = Regex.Match(container.EnvValue(MonitorSettings.PostgresVariable) ?? "", "Username=([^;]+);").Groups[1].Value;

            Assert.Equal(relay ? "true" : "false", container.EnvValue(MonitorSettings.MigrateVariable));
            Assert.Equal(relay, role == "monitor_migrator");
            Assert.Contains($"amqp://{deployment.Name()}:", container.EnvValue(MonitorSettings.RabbitMqVariable));
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Should_run_as_a_non_root_user_with_a_read_only_file_system(string overlay)
    {
        foreach (var deployment in Render(overlay).OfKind("Deployment"))
        {
            Assert.Equal("true", deployment["spec"]!["template"]!["spec"]!["securityContext"]!["runAsNonRoot"].Text().ToLowerInvariant());
            Assert.Equal("true", deployment.Container()["securityContext"]!["readOnlyRootFilesystem"].Text().ToLowerInvariant());
            Assert.Equal("false", deployment.Container()["securityContext"]!["allowPrivilegeEscalation"].Text().ToLowerInvariant());
        }
    }
}
