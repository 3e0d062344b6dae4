using Monitor.EventStore;

namespace Monitor.ReadModels;

/// <summary>A read model: its projection (whose name is also its subscription's) and what it holds, for operators.</summary>
public sealed record ReadModel(string Name, string Description, Projection Projection);
