using Monitor.Api;
using Monitor.Hosting;

// API: the read side people use: mentions, sentiment over time, share of voice, authors, alerts, feeds, the dashboard.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddMonitorDefaults(ApiHosting.ServiceName);
builder.AddApi();

var app = builder.Build();
app.MapMonitorDefaults();
app.MapApi();
app.Run();

public partial class Program;
