using Monitor.Hosting;
using Monitor.Hosting.Bus;
using Monitor.Hosting.Configuration;
using Monitor.Hosting.Relay;

// Relay: the durable outbox. Publishes every committed pipeline event from the event log to
// RabbitMQ (publisher confirms, MessageId = event id) and only then advances its checkpoint.
var builder = WebApplication.CreateBuilder(args);
builder.AddMonitorDefaults(MonitorServices.Relay);
builder.AddMonitorBus();
builder.AddMonitorRelay();

var app = builder.Build();
app.MapMonitorDefaults();
app.Run();
