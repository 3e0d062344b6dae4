namespace Monitor.EventStore;

/// <summary>The version a writer expects the stream to have before its append.</summary>
public readonly record struct ExpectedVersion
{
    private ExpectedVersion(long value) => Value = value;

    /// <summary>-1 for <see cref="Any"/>, 0 for <see cref="NoStream"/>, otherwise the exact version.</summary>
    internal long Value { get; }

    /// <summary>Append whatever the stream's version is (creating it when missing).</summary>
    public static ExpectedVersion Any { get; } = new(-1);

    /// <summary>The stream must not exist yet.</summary>
    public static ExpectedVersion NoStream { get; } = new(0);

    /// <summary>The stream must be at exactly this version (0 means it must not exist).</summary>
    public static ExpectedVersion Exactly(long version) =>
        version < 0
            ? throw new ArgumentOutOfRangeException(nameof(version), version, "An expected stream version cannot be negative.")
            : new ExpectedVersion(version);

    public override string ToString() => Value switch
    {
        -1 => "any",
        0 => "no stream",
        _ => $"version {Value}",
    };
}
