using System.Threading.Channels;
using Monitor.Contracts.Alerts;

namespace Monitor.Alerts.Delivery;

/// <summary>
/// Raised alerts waiting for delivery. Delivery runs apart from evaluation so a slow or dead channel (retries,
/// back-off) never holds up the consumer. Bounded: when full, evaluation waits rather than losing alerts.
/// </summary>
public sealed class DeliveryQueue
{
    private readonly Channel<AlertRaised> _channel = Channel.CreateBounded<AlertRaised>(new BoundedChannelOptions(10_000) { SingleReader = true });

    public ValueTask EnqueueAsync(AlertRaised alert, CancellationToken ct) => _channel.Writer.WriteAsync(alert, ct);

    public IAsyncEnumerable<AlertRaised> ReadAllAsync(CancellationToken ct) => _channel.Reader.ReadAllAsync(ct);
}
