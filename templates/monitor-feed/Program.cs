using Monitor.Feeds.Sdk.Hosting;
using Monitor.Feeds.Template;
using Monitor.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddMonitorFeed<TemplateFeed>("template-feed", defaultPort: 5119);

var app = builder.Build();
app.MapMonitorDefaults();
app.Run();
