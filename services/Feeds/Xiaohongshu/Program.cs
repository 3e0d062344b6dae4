using Monitor.Feeds.Xiaohongshu;
using Monitor.Feeds.Sdk.Hosting;
using Monitor.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddMonitorFeed<XiaohongshuFeed>("xiaohongshu", defaultPort: 5112);

var app = builder.Build();
app.MapMonitorDefaults();
app.Run();
