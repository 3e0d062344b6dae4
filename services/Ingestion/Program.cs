using Monitor.Hosting;
using Monitor.Hosting.Bus;
using Monitor.Hosting.Configuration;
using Monitor.Ingestion.Ingest;

// Ingestion: coverage from the feeds (bus) and from HTTP pushes becomes CoverageIngested or
// CoverageMetricsUpdated in the item's stream.
var builder = WebApplication.CreateBuilder(args);
builder.AddMonitorDefaults(MonitorServices.Ingestion);
builder.AddMonitorBus(bus => bus.AddBatchConsumer<CoverageReceivedConsumer, CoverageReceivedConsumerDefinition>());
builder.AddCoverageIngestion();

var app = builder.Build();
app.MapMonitorDefaults();
app.MapCoverageApi();
app.Run();
