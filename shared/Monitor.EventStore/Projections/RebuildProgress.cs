namespace Monitor.EventStore;

/// <summary>How far a rebuild has got: events handled of those that existed when it started.</summary>
public sealed record RebuildProgress(string Projection, long Processed, long Total, GlobalPosition Checkpoint, GlobalPosition Target)
{
    public bool IsComplete => Checkpoint >= Target;

    public double Fraction => Total == 0 ? 1 : Math.Min(1, (double)Processed / Total);
}
