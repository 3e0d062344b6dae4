using Monitor.Contracts;
using Monitor.Hosting;
using Monitor.Hosting.Bus.Queues;
using Monitor.Hosting.Configuration;
using Monitor.Ingestion.Ingest;

// Ingestion: coverage from the feeds (bus) and from HTTP pushes becomes CoverageIngested or
// CoverageMetricsUpdated in the item's stream.
var builder = WebApplication.CreateBuilder(args);
builder.AddMonitorDefaults(MonitorServices.Ingestion);
builder.AddBatchQueueConsumer<CoverageReceived, CoverageReceivedConsumer>();
builder.AddCoverageIngestion();

var app = builder.Build();
app.MapMonitorDefaults();
app.MapCoverageApi();
app.Run();
