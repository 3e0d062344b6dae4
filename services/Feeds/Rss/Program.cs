using Monitor.Feeds.Rss;
using Monitor.Feeds.Sdk.Hosting;
using Monitor.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddMonitorFeed<RssFeed>("rss", defaultPort: 5113);

var app = builder.Build();
app.MapMonitorDefaults();
app.Run();
