namespace Monitor.Hosting.Configuration;

/// <summary>The services of the pipeline, by the name each passes to AddMonitorDefaults, with their default ports.</summary>
public static class MonitorServices
{
    public const string Ingestion = "ingestion";
    public const string Extraction = "extraction";
    public const string Sentiment = "sentiment";
    public const string Relay = "relay";
    public const string Alerts = "alerts";
    public const string Api = "api";

    public static readonly IReadOnlyDictionary<string, int> DefaultPorts = new Dictionary<string, int>
    {
        [Ingestion] = 5101,
        [Extraction] = 5102,
        [Sentiment] = 5103,
        [Relay] = 5104,
        [Alerts] = 5105,
        [Api] = 5106,
    };

    public static readonly IReadOnlyList<string> All = [Ingestion, Extraction, Sentiment, Relay, Alerts, Api];
}
