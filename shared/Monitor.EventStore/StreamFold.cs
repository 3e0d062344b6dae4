namespace Monitor.EventStore;

/// <summary>
/// Folds a stream's events into a state: an initial state plus one step per event type.
/// Events of types without a step leave the state unchanged.
/// <code>
/// var fold = new StreamFold&lt;Order&gt;(new Order())
///     .When&lt;OrderPlaced&gt;((order, e) => order with { Placed = true });
/// </code>
/// </summary>
public sealed class StreamFold<TState>
{
    private readonly Func<TState> _initial;
    private readonly Dictionary<Type, Func<TState, object, StoredEvent, TState>> _steps = new();

    public StreamFold(TState initial) : this(() => initial) { }

    public StreamFold(Func<TState> initial) => _initial = initial ?? throw new ArgumentNullException(nameof(initial));

    public StreamFold<TState> When<TEvent>(Func<TState, TEvent, TState> apply)
    {
        ArgumentNullException.ThrowIfNull(apply);
        _steps[typeof(TEvent)] = (state, data, _) => apply(state, (TEvent)data);
        return this;
    }

    /// <summary>A step that also sees the stored envelope (version, timestamp, headers).</summary>
    public StreamFold<TState> When<TEvent>(Func<TState, TEvent, StoredEvent, TState> apply)
    {
        ArgumentNullException.ThrowIfNull(apply);
        _steps[typeof(TEvent)] = (state, data, stored) => apply(state, (TEvent)data, stored);
        return this;
    }

    public TState Initial() => _initial();

    public TState Apply(TState state, StoredEvent e) =>
        _steps.TryGetValue(e.Data.GetType(), out var step) ? step(state, e.Data, e) : state;

    public TState Fold(IEnumerable<StoredEvent> events) => events.Aggregate(Initial(), Apply);
}
