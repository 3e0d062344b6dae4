namespace Monitor.Cli.Errors;

/// <summary>A queue's error queue is named after it, as MassTransit names them: <c>coverage-received</c> → <c>coverage-received_error</c>.</summary>
public static class ErrorQueueName
{
    public const string Suffix = "_error";

    public static bool IsErrorQueue(string name) => name.EndsWith(Suffix, StringComparison.Ordinal) && name.Length > Suffix.Length;

    /// <summary>The queue whose failures the error queue holds, where a replay sends them back.</summary>
    public static string OriginalOf(string errorQueue) =>
        IsErrorQueue(errorQueue)
            ? errorQueue[..^Suffix.Length]
            : throw new ArgumentException($"'{errorQueue}' is not an error queue (its name does not end in {Suffix})", nameof(errorQueue));
}
