namespace Monitor.Hosting.Configuration;

/// <summary>An environment variable a Monitor service reads.</summary>
/// <param name="Name">The variable's name, e.g. MONITOR_POSTGRES.</param>
/// <param name="Description">What it sets, and its default.</param>
/// <param name="Services">The services that read it (their names as given to AddMonitorDefaults).</param>
/// <param name="Default">The value used when it is unset, or null when there is none.</param>
public sealed record MonitorVariable(string Name, string Description, IReadOnlyList<string> Services, string? Default);
