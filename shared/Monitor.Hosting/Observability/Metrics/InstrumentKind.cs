using System.Diagnostics.Metrics;

namespace Monitor.Hosting.Observability.Metrics;

/// <summary>How an instrument's measurements combine, and which Prometheus type they are exported as.</summary>
public enum InstrumentKind
{
    /// <summary>Counter: measurements add up; exported as counter (_total).</summary>
    Counter,
    /// <summary>ObservableCounter: each observation is the running total; exported as counter (_total).</summary>
    ObservedCounter,
    /// <summary>UpDownCounter: measurements add up and may go down; exported as gauge.</summary>
    UpDownCounter,
    /// <summary>Gauge, ObservableGauge, ObservableUpDownCounter: the last value counts; exported as gauge.</summary>
    Gauge,
    /// <summary>Histogram: counts per bucket, sum and count; exported as histogram.</summary>
    Histogram,
}

internal static class InstrumentKinds
{
    public static InstrumentKind? Of(Instrument instrument)
    {
        var type = instrument.GetType();
        if (!type.IsGenericType) return null;
        var definition = type.GetGenericTypeDefinition();
        if (definition == typeof(Counter<>)) return InstrumentKind.Counter;
        if (definition == typeof(ObservableCounter<>)) return InstrumentKind.ObservedCounter;
        if (definition == typeof(UpDownCounter<>)) return InstrumentKind.UpDownCounter;
        if (definition == typeof(Histogram<>)) return InstrumentKind.Histogram;
        if (definition == typeof(Gauge<>) || definition == typeof(ObservableGauge<>) || definition == typeof(ObservableUpDownCounter<>))
            return InstrumentKind.Gauge;
        return null;
    }

    public static string PrometheusType(this InstrumentKind kind) => kind switch
    {
        InstrumentKind.Counter or InstrumentKind.ObservedCounter => "counter",
        InstrumentKind.Histogram => "histogram",
        _ => "gauge",
    };
}
