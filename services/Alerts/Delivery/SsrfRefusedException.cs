namespace Monitor.Alerts.Delivery;

/// <summary>A channel's destination is inside the network and not allowed; never retried.</summary>
public sealed class SsrfRefusedException(string message) : Exception(message);
