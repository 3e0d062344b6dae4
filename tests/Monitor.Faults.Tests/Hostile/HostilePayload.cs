namespace Monitor.Faults.Tests.Hostile;

/// <summary>A request body that must be refused, and what is wrong with it.</summary>
/// <param name="IsJson">Whether the body is well-formed JSON (then on the bus it travels inside a valid envelope).</param>
public sealed record HostilePayload(string Kind, byte[] Body, bool IsJson);
