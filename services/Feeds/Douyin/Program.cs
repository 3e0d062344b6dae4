using Monitor.Feeds.Douyin;
using Monitor.Feeds.Sdk.Hosting;
using Monitor.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddMonitorFeed<DouyinFeed>("douyin", defaultPort: 5111);

var app = builder.Build();
app.MapMonitorDefaults();
app.Run();
