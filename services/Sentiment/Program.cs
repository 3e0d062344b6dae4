using Monitor.Hosting;
using Monitor.Hosting.Bus;
using Monitor.Hosting.Configuration;
using Monitor.Sentiment.Score;

// Sentiment: every ContentExtracted becomes SentimentScored in the same stream.
var builder = WebApplication.CreateBuilder(args);
builder.AddMonitorDefaults(MonitorServices.Sentiment);
builder.AddMonitorBus(bus => bus.AddBatchConsumer<ContentExtractedConsumer, ContentExtractedConsumerDefinition>());
builder.AddSentimentScoring();

var app = builder.Build();
app.MapMonitorDefaults();
app.Run();
