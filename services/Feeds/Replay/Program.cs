using Monitor.Feeds.Replay;
using Monitor.Feeds.Sdk.Hosting;
using Monitor.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddMonitorFeed<ReplayFeed>("replay", defaultPort: 5114);

var app = builder.Build();
app.MapMonitorDefaults();
app.Run();
