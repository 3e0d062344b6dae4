using Monitor.Feeds.Weibo;
using Monitor.Feeds.Sdk.Hosting;
using Monitor.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddMonitorFeed<WeiboFeed>("weibo", defaultPort: 5110);

var app = builder.Build();
app.MapMonitorDefaults();
app.Run();
