using System.Text;
using RabbitMQ.Client;

namespace Monitor.Hosting.Bus.Queues;

/// <summary>
/// Moves a delivery that cannot be handled to its queue's _error queue: the body and properties as
/// they came, plus MassTransit's fault headers (MT-Reason, MT-Fault-ExceptionType, MT-Fault-Message,
/// MT-Fault-Timestamp, ...), which `./monitor errors list|show` print and `errors replay` strips. The
/// publish is confirmed before the caller acknowledges the original, so nothing is lost in between.
/// </summary>
public static class ErrorQueue
{
    /// <summary>Each fault header stays far below the broker's frame size (128 KiB): a reason quoting a huge field must not make the move itself fail.</summary>
    private const int HeaderLimit = 4_000;

    public static async Task MoveAsync(IChannel channel, string queue, Delivery delivery, Exception reason, int retries, CancellationToken ct)
    {
        var properties = new BasicProperties(delivery.Properties) { Persistent = true };
        var headers = properties.Headers is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(properties.Headers);
        headers["MT-Reason"] = "fault";
        headers["MT-Fault-ExceptionType"] = reason.GetType().FullName;
        headers["MT-Fault-Message"] = Truncate(reason.Message, HeaderLimit);
        headers["MT-Fault-Timestamp"] = DateTimeOffset.UtcNow.ToString("O");
        headers["MT-Fault-StackTrace"] = Truncate(reason.ToString(), HeaderLimit);
        headers["MT-Fault-RetryCount"] = retries;
        headers["MT-Host-MachineName"] = Environment.MachineName;
        headers["MT-Host-ProcessName"] = Environment.ProcessPath is { } path ? Path.GetFileName(path) : "dotnet";
        properties.Headers = headers;
        // Mandatory: should the _error queue have been deleted, the publish fails (and the consumer declares
        // it again on reconnecting) instead of being confirmed into nowhere.
        await channel.BasicPublishAsync(QueueTopology.ErrorQueueOf(queue), "", mandatory: true, properties, delivery.Body, ct);
    }

    private static string Truncate(string text, int limit) =>
        Encoding.UTF8.GetByteCount(text) <= limit ? text : text[..Math.Min(text.Length, limit / 3)] + " ...";
}
