using Monitor.Alerts;
using Monitor.Alerts.Evaluate;
using Monitor.Contracts;
using Monitor.Hosting;
using Monitor.Hosting.Bus.Queues;

// Alerts: evaluates subscriptions' rules over scored coverage and delivers what fires.
var builder = WebApplication.CreateBuilder(args);
builder.AddMonitorDefaults(AlertsHosting.ServiceName);
builder.AddBatchQueueConsumer<SentimentScored, SentimentScoredConsumer>();
builder.AddAlerts();

var app = builder.Build();
app.MapMonitorDefaults();
app.MapAlerts();
app.Run();

public partial class Program;
