using Monitor.Alerts;
using Monitor.Alerts.Evaluate;
using Monitor.Hosting;
using Monitor.Hosting.Bus;

// Alerts: evaluates subscriptions' rules over scored coverage and delivers what fires.
var builder = WebApplication.CreateBuilder(args);
builder.AddMonitorDefaults(AlertsHosting.ServiceName);
builder.AddMonitorBus(bus => bus.AddBatchConsumer<SentimentScoredConsumer, SentimentScoredConsumerDefinition>());
builder.AddAlerts();

var app = builder.Build();
app.MapMonitorDefaults();
app.MapAlerts();
app.Run();

public partial class Program;
