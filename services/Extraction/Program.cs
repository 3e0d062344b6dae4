using Monitor.Extraction.Extract;
using Monitor.Hosting;
using Monitor.Hosting.Bus;
using Monitor.Hosting.Configuration;

// Extraction: every CoverageIngested becomes ContentExtracted (language, entities, hashtags,
// keywords, reach, near-duplicate cluster) in the same stream.
var builder = WebApplication.CreateBuilder(args);
builder.AddMonitorDefaults(MonitorServices.Extraction);
builder.AddMonitorBus(bus => bus.AddBatchConsumer<CoverageIngestedConsumer, CoverageIngestedConsumerDefinition>());
builder.AddContentExtraction();

var app = builder.Build();
app.MapMonitorDefaults();
app.Run();
