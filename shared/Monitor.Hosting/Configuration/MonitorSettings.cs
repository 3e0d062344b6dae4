using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace Monitor.Hosting.Configuration;

/// <summary>
/// The settings every service reads from its environment (and nothing else for these settings).
/// <see cref="Variables"/> lists them so docker-compose.yml and docs/configuration.md can be checked against the code.
/// </summary>
public sealed partial record MonitorSettings
{
    public const string PostgresVariable = "MONITOR_POSTGRES";
    public const string RabbitMqVariable = "MONITOR_RABBITMQ";
    public const string SchemaVariable = "MONITOR_EVENTSTORE_SCHEMA";
    public const string UrlsVariable = "ASPNETCORE_URLS";
    public const string LogFormatVariable = "MONITOR_LOG_FORMAT";
    public const string SentimentModelVariable = "MONITOR_SENTIMENT_MODEL";
    public const string SubjectVariable = "MONITOR_SUBJECT";
    public const string MaxBodyBytesVariable = "MONITOR_INGESTION_MAX_BODY_BYTES";
    public const string AdminKeyVariable = "MONITOR_ADMIN_KEY";
    public const string AlertsAllowedAddressesVariable = "MONITOR_ALERTS_ALLOWED_ADDRESSES";
    public const string AlertsSmtpVariable = "MONITOR_ALERTS_SMTP";
    public const string AlertsRetryScheduleVariable = "MONITOR_ALERTS_RETRY_SCHEDULE";
    public const string OtlpEndpointVariable = "MONITOR_OTLP_ENDPOINT";
    public const string OtlpProtocolVariable = "MONITOR_OTLP_PROTOCOL";
    public const string OtlpSampleRatioVariable = "MONITOR_OTLP_SAMPLE_RATIO";
    public const string MigrateVariable = "MONITOR_EVENTSTORE_MIGRATE";

    public const string OtlpHttp = "http/protobuf";
    public const string OtlpGrpc = "grpc";

    public const string DefaultPostgres = "Host=127.0.0.1;Port=5432;Username=monitor;Password=monitor;Database=monitor";
    public const string DefaultRabbitMq = "amqp://monitor:monitor@127.0.0.1:5672/";
    public const string DefaultSchema = "monitor";
    public const long DefaultMaxBodyBytes = 4 * 1024 * 1024;

    public static IReadOnlyList<MonitorVariable> Variables { get; } =
    [
        new(PostgresVariable, "Npgsql connection string of the event store's database.", MonitorServices.All, DefaultPostgres),
        new(RabbitMqVariable, "RabbitMQ broker as amqp://user:password@host:port/vhost.", MonitorServices.All, DefaultRabbitMq),
        new(SchemaVariable, "PostgreSQL schema holding the event store's tables.", MonitorServices.All, DefaultSchema),
        new(UrlsVariable, "Where the service's HTTP surface (health, API) listens.", MonitorServices.All, "http://127.0.0.1:<port>"),
        new(LogFormatVariable, "Console log format: json (one object per line, with the TraceId and SpanId of the current activity) or text.", MonitorServices.All, "json"),
        new(OtlpEndpointVariable, "OTLP receiver for traces, e.g. http://otel-collector:4318 (spans go to <endpoint>/v1/traces); no export when unset.", MonitorServices.All, null),
        new(OtlpProtocolVariable, "OTLP protocol: http/protobuf or grpc (then the endpoint is e.g. http://otel-collector:4317).", MonitorServices.All, OtlpHttp),
        new(OtlpSampleRatioVariable, "Share of new traces exported, 0 to 1; a trace begun upstream keeps its sampling decision.", MonitorServices.All, "1"),
        new(MigrateVariable, "true: create or migrate the event store's schema at start (needs a role that owns it); false: only wait until it is there.", MonitorServices.All, "true"),
        new(SentimentModelVariable, "Path of the sentiment model file; the shipped model when unset.", [MonitorServices.Sentiment], null),
        new(SubjectVariable, "Path of the subject's gazetteer (JSON); the built-in SU7 subject when unset.", [MonitorServices.Extraction], null),
        new(MaxBodyBytesVariable, "Largest accepted POST /api/coverage body in bytes; larger bodies get 413.", [MonitorServices.Ingestion], DefaultMaxBodyBytes.ToString()),
        // The alerts service (AlertsSettings) and the API (ApiSettings) read these themselves; they are listed here so compose and docs/configuration.md are checked too.
        new(AdminKeyVariable, "The first admin API key (at least 24 characters); only its hash is stored.", [MonitorServices.Alerts, MonitorServices.Api], null),
        new(AlertsAllowedAddressesVariable, "Comma-separated addresses or CIDR ranges a webhook may reach although they are private or loopback.", [MonitorServices.Alerts], null),
        new(AlertsSmtpVariable, "Mail server for e-mail alerts as smtp://[user:password@]host[:port]?from=alerts@example.com[&tls=true].", [MonitorServices.Alerts], null),
        // Unset: the built-in schedule (10s,30s,1m,5m,15m,30m,23*1h: 30 attempts over about a day).
        new(AlertsRetryScheduleVariable, "Waits between attempts to deliver an alert, comma-separated, each a number with s, m or h, optionally N*wait; then the delivery is failed.", [MonitorServices.Alerts], null),
    ];

    public required string ServiceName { get; init; }
    public required string Postgres { get; init; }
    public required RabbitMqAddress RabbitMq { get; init; }
    public required string EventStoreSchema { get; init; }
    public required string Urls { get; init; }
    public required bool JsonLogs { get; init; }
    public string? SentimentModelPath { get; init; }
    public string? SubjectPath { get; init; }
    public long IngestionMaxBodyBytes { get; init; } = DefaultMaxBodyBytes;
    public Uri? OtlpEndpoint { get; init; }
    public string OtlpProtocol { get; init; } = OtlpHttp;
    public double OtlpSampleRatio { get; init; } = 1;
    public bool MigrateSchema { get; init; } = true;

    /// <summary>Reads the settings; a malformed value raises an error naming the variable and what is wrong.</summary>
    public static MonitorSettings From(IConfiguration configuration, string serviceName)
    {
        string? Read(string name) => string.IsNullOrWhiteSpace(configuration[name]) ? null : configuration[name]!.Trim();

        var schema = Read(SchemaVariable) ?? DefaultSchema;
        if (!SchemaName().IsMatch(schema))
            throw new InvalidSettingException(SchemaVariable, schema,
                "must be a PostgreSQL identifier of lower-case letters, digits and underscores, starting with a letter or underscore (at most 63 characters)");

        var logFormat = (Read(LogFormatVariable) ?? "json").ToLowerInvariant();
        if (logFormat is not ("json" or "text"))
            throw new InvalidSettingException(LogFormatVariable, logFormat, "must be 'json' or 'text'");

        var maxBody = DefaultMaxBodyBytes;
        if (Read(MaxBodyBytesVariable) is { } maxBodyText && (!long.TryParse(maxBodyText, out maxBody) || maxBody <= 0))
            throw new InvalidSettingException(MaxBodyBytesVariable, maxBodyText, "must be a positive whole number of bytes");

        Uri? otlpEndpoint = null;
        if (Read(OtlpEndpointVariable) is { } otlpText
            && (!Uri.TryCreate(otlpText, UriKind.Absolute, out otlpEndpoint) || otlpEndpoint.Scheme is not ("http" or "https")))
            throw new InvalidSettingException(OtlpEndpointVariable, otlpText, "must be an absolute http:// or https:// URL, e.g. http://otel-collector:4318");

        var otlpProtocol = (Read(OtlpProtocolVariable) ?? OtlpHttp).ToLowerInvariant();
        if (otlpProtocol is not (OtlpHttp or OtlpGrpc))
            throw new InvalidSettingException(OtlpProtocolVariable, otlpProtocol, $"must be '{OtlpHttp}' or '{OtlpGrpc}'");

        var sampleRatio = 1.0;
        if (Read(OtlpSampleRatioVariable) is { } ratioText
            && (!double.TryParse(ratioText, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out sampleRatio)
                || sampleRatio is < 0 or > 1 || double.IsNaN(sampleRatio)))
            throw new InvalidSettingException(OtlpSampleRatioVariable, ratioText, "must be a number from 0 to 1, e.g. 0.1 for one trace in ten");

        var migrateText = (Read(MigrateVariable) ?? "true").ToLowerInvariant();
        if (migrateText is not ("true" or "false"))
            throw new InvalidSettingException(MigrateVariable, migrateText, "must be 'true' or 'false'");

        var port = MonitorServices.DefaultPorts.TryGetValue(serviceName, out var p) ? p : 5100;
        return new MonitorSettings
        {
            ServiceName = serviceName,
            Postgres = Read(PostgresVariable) ?? DefaultPostgres,
            RabbitMq = RabbitMqAddress.Parse(Read(RabbitMqVariable) ?? DefaultRabbitMq, RabbitMqVariable),
            EventStoreSchema = schema,
            Urls = Read(UrlsVariable) ?? $"http://127.0.0.1:{port}",
            JsonLogs = logFormat == "json",
            SentimentModelPath = Read(SentimentModelVariable),
            SubjectPath = Read(SubjectVariable),
            IngestionMaxBodyBytes = maxBody,
            OtlpEndpoint = otlpEndpoint,
            OtlpProtocol = otlpProtocol,
            OtlpSampleRatio = sampleRatio,
            MigrateSchema = migrateText == "true",
        };
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaName();
}
