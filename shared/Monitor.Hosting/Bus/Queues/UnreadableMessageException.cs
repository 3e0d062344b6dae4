namespace Monitor.Hosting.Bus.Queues;

/// <summary>A delivery that is not the message its queue carries (wrong content type, broken JSON, wrong shape).</summary>
public sealed class UnreadableMessageException(string reason, Exception? inner = null) : Exception(reason, inner);

