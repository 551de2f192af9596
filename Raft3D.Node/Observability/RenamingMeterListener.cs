using System.Diagnostics;
using System.Diagnostics.Metrics;
using Prometheus;

namespace Raft3D.Node.Observability;

/// <summary>
/// Exports the instruments MeterAdapter would misname (see <see cref="RenamedInstrument"/>) into the node's own
/// registry, under Prometheus-conforming names. It is MeterAdapter's counterpart for just those instruments: the
/// same filter decides what is exported at all, and observable instruments are read just before each scrape.
/// </summary>
public sealed class RenamingMeterListener : IDisposable
{
    private readonly MeterListener listener = new();
    private volatile bool disposed;

    public RenamingMeterListener(CollectorRegistry registry, IMetricFactory factory, Func<Instrument, bool> isExported)
    {
        listener.InstrumentPublished = (instrument, meterListener) =>
        {
            if (isExported(instrument) && RenamedInstrument.Create(instrument, factory) is { } renamed)
            {
                meterListener.EnableMeasurementEvents(instrument, renamed);
            }
        };
        listener.SetMeasurementEventCallback<byte>(static (_, value, tags, state) => Record(state, value, tags));
        listener.SetMeasurementEventCallback<short>(static (_, value, tags, state) => Record(state, value, tags));
        listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => Record(state, value, tags));
        listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => Record(state, value, tags));
        listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => Record(state, value, tags));
        listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => Record(state, value, tags));
        listener.SetMeasurementEventCallback<decimal>(static (_, value, tags, state) => Record(state, (double)value, tags));
        listener.Start();

        // The registry cannot unregister a callback; after disposal it is a no-op (the registry goes with the node).
        registry.AddBeforeCollectCallback(() =>
        {
            if (!disposed)
            {
                listener.RecordObservableInstruments();
            }
        });
    }

    private static void Record(object? state, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        // An exception thrown into the instrument's Add or Record would break the caller (DotNext's WAL, a lock),
        // so a measurement that cannot be exported is only traced, as MeterAdapter does.
        try
        {
            ((RenamedInstrument)state!).Record(value, tags);
        }
#pragma warning disable CA1031 // Anything the collector throws must stay out of the instrumented code path.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Trace.WriteLine($"{((RenamedInstrument?)state)?.Name} collection failed: {e.Message}");
        }
    }

    public void Dispose()
    {
        disposed = true;
        listener.Dispose();
    }
}
