using Monitor.Hosting;

// Alerts: evaluates subscriptions' rules over scored coverage and delivers what fires.
var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrWhiteSpace(builder.Configuration["ASPNETCORE_URLS"]))
    builder.Configuration["ASPNETCORE_URLS"] = "http://127.0.0.1:5105";
builder.AddMonitorDefaults("alerts");

var app = builder.Build();
app.MapMonitorDefaults();
app.Run();
