namespace Monitor.EventStore;

/// <summary>
/// A position in the global log: (transaction id, sequence id). Sequence numbers are taken before
/// their transaction commits, so they alone cannot order what readers have seen; the committing
/// transaction id, read only below the oldest running transaction, can.
/// </summary>
public readonly record struct GlobalPosition(ulong TxId, long SeqId) : IComparable<GlobalPosition>
{
    public static GlobalPosition Start { get; } = new(0, 0);

    public int CompareTo(GlobalPosition other)
    {
        var byTx = TxId.CompareTo(other.TxId);
        return byTx != 0 ? byTx : SeqId.CompareTo(other.SeqId);
    }

    public static bool operator <(GlobalPosition left, GlobalPosition right) => left.CompareTo(right) < 0;
    public static bool operator >(GlobalPosition left, GlobalPosition right) => left.CompareTo(right) > 0;
    public static bool operator <=(GlobalPosition left, GlobalPosition right) => left.CompareTo(right) <= 0;
    public static bool operator >=(GlobalPosition left, GlobalPosition right) => left.CompareTo(right) >= 0;

    public override string ToString() => $"{TxId}/{SeqId}";
}
