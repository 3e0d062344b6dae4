using Xunit;

namespace Monitor.Feeds.Tests.Support;

/// <summary>Tests that start processes run one at a time: the machine is small and shared.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEndCollection
{
    public const string Name = "end-to-end";
}
