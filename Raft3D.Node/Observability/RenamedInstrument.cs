using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;
using Prometheus;

namespace Raft3D.Node.Observability;

/// <summary>
/// A .NET meter instrument that is exported under a Prometheus-conforming name instead of the one prometheus-net's
/// MeterAdapter would give it. MeterAdapter names every instrument "meter_instrument" and exports every non-histogram
/// as a gauge, so DotNext's "entries-commit-count" counters and the runtime's "dotnet.timer.count" gauges come out
/// as gauges ending in "_count", which Prometheus reserves for histograms and summaries (promtool check metrics
/// exits 3). MeterAdapter 8.2.1 has no naming hook (MeterAdapterOptions offers only a filter, the registry or
/// factory, expiry and histogram buckets), so these few instruments are filtered out of it and exported here.
/// </summary>
public sealed class RenamedInstrument
{
    private const string CountSuffix = "_count";

    /// <summary>
    /// The runtime's instruments get names chosen by hand: stripping "_count" from "dotnet.process.cpu.count" would
    /// read as CPU usage, and "dotnet.thread_pool.thread.count" is declared an ObservableCounter although the thread
    /// pool shrinks, so its type cannot be trusted to mean "monotonic". None of them duplicates a DotNetStats series
    /// (its process_num_threads counts every OS thread of the process, not the pool's), so none is dropped.
    /// </summary>
    private static readonly Dictionary<(string Meter, string Instrument), (string Name, bool AsCounter)> ChosenNames = new()
    {
        [("System.Runtime", "dotnet.assembly.count")] = ("system_runtime_dotnet_assemblies", false),
        [("System.Runtime", "dotnet.process.cpu.count")] = ("system_runtime_dotnet_process_cpus", false),
        [("System.Runtime", "dotnet.thread_pool.thread.count")] = ("system_runtime_dotnet_thread_pool_threads", false),
        [("System.Runtime", "dotnet.thread_pool.work_item.count")] = ("system_runtime_dotnet_thread_pool_work_items_total", true),
        [("System.Runtime", "dotnet.timer.count")] = ("system_runtime_dotnet_timers", false),
    };

    private readonly IMetricFactory factory;
    private readonly bool asCounter;
    private readonly bool recordsIncrements;

    // Prometheus collector and label order for each tag-key layout this instrument has recorded with (usually one;
    // DotNext's AsyncLock meter uses two). Keeps the per-measurement cost to one lookup, as MeterAdapter's cache does.
    private readonly ConcurrentDictionary<string, (Collector Collector, int[] TagOrder)> layouts = new(StringComparer.Ordinal);

    // Replaced whole, never changed, so concurrent recorders each see one consistent series.
    private volatile RecentSeries? recent;

    private RenamedInstrument(Instrument instrument, string name, bool asCounter, IMetricFactory factory)
    {
        this.factory = factory;
        this.asCounter = asCounter;
        Name = name;
        Help = $"{instrument.Description} (unit: {instrument.Unit}; .NET meter {instrument.Meter.Name}, instrument {instrument.Name})";
        var kind = instrument.GetType().IsGenericType ? instrument.GetType().GetGenericTypeDefinition() : null;
        recordsIncrements = kind == typeof(Counter<>) || kind == typeof(UpDownCounter<>);
    }

    public string Name { get; }

    public string Help { get; }

    /// <summary>
    /// The Prometheus name and type for an instrument whose MeterAdapter name breaks the naming rules, or null when
    /// MeterAdapter's name is fine (or the instrument is a histogram, whose "_count" series is the one Prometheus means).
    /// DotNext's instruments follow one rule: a Counter (increments only, by its API) becomes a counter "..._total";
    /// anything else becomes a gauge named for what it counts ("suspended_callers_count" → "suspended_callers").
    /// </summary>
    public static (string Name, bool AsCounter)? Rename(Instrument instrument)
    {
        var kind = instrument.GetType().IsGenericType ? instrument.GetType().GetGenericTypeDefinition() : null;
        var adapterName = ToPrometheusName($"{instrument.Meter.Name}_{instrument.Name}");
        if (kind == typeof(Histogram<>) || !adapterName.EndsWith(CountSuffix, StringComparison.Ordinal))
        {
            return null;
        }

        if (ChosenNames.TryGetValue((instrument.Meter.Name, instrument.Name), out var chosen))
        {
            return chosen;
        }

        var stem = adapterName[..^CountSuffix.Length];
        return kind == typeof(Counter<>) ? (stem + "_total", true) : (stem, false);
    }

    public static RenamedInstrument? Create(Instrument instrument, IMetricFactory factory)
        => Rename(instrument) is var (name, asCounter) ? new RenamedInstrument(instrument, name, asCounter, factory) : null;

    /// <summary>
    /// Records one measurement: Counter and UpDownCounter measurements are increments, every other kind (observable
    /// instruments, Gauge) reports the current value.
    /// </summary>
    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        switch (SeriesOf(tags))
        {
            case Counter.Child counter when recordsIncrements:
                // A Prometheus counter rejects a negative increment; Counter<T> documents them as invalid anyway.
                if (value > 0)
                {
                    counter.Inc(value);
                }

                break;
            case Counter.Child counter:
                counter.IncTo(value);
                break;
            case Gauge.Child gauge when recordsIncrements:
                gauge.Inc(value);
                break;
            case Gauge.Child gauge:
                gauge.Set(value);
                break;
        }
    }

    /// <summary>
    /// The series these tags record into. DotNext's WAL records into the same series for every entry it appends,
    /// commits and applies, so the last series is checked first: a match skips building the layout key and
    /// prometheus-net's label lookup (2% of a follower's CPU under 64 writing clients).
    /// </summary>
    private ChildBase SeriesOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (recent is { } last && last.Matches(tags))
        {
            return last.Series;
        }

        var (collector, tagOrder) = Layout(tags);
        var labelValues = new string[tagOrder.Length];
        for (var i = 0; i < tagOrder.Length; i++)
        {
            labelValues[i] = tags[tagOrder[i]].Value?.ToString() ?? string.Empty;
        }

        ChildBase series = collector is Counter counter ? counter.WithLabels(labelValues) : ((Gauge)collector).WithLabels(labelValues);
        recent = new RecentSeries(tags, series);
        return series;
    }

    private (Collector Collector, int[] TagOrder) Layout(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = tags.Length switch
        {
            0 => string.Empty,
            1 => tags[0].Key,
            _ => JoinKeys(tags),
        };
        if (layouts.TryGetValue(key, out var layout))
        {
            return layout;
        }

        // Labels sorted by name, as MeterAdapter does, so that one label set always maps to one child.
        var labelNames = new string[tags.Length];
        var tagOrder = new int[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            labelNames[i] = ToPrometheusName(tags[i].Key);
            tagOrder[i] = i;
        }

        Array.Sort(labelNames, tagOrder, StringComparer.Ordinal);
        Collector collector = asCounter
            ? factory.CreateCounter(Name, Help, labelNames)
            : factory.CreateGauge(Name, Help, labelNames);
        return layouts.GetOrAdd(key, (collector, tagOrder));
    }

    private static string JoinKeys(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var builder = new StringBuilder();
        foreach (var tag in tags)
        {
            builder.Append(tag.Key).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>The tags of the last measurement, as given, and the series they recorded into.</summary>
    private sealed class RecentSeries
    {
        private readonly KeyValuePair<string, object?>[] tags;

        public RecentSeries(ReadOnlySpan<KeyValuePair<string, object?>> tags, ChildBase series)
        {
            this.tags = tags.ToArray();
            Series = series;
        }

        public ChildBase Series { get; }

        public bool Matches(ReadOnlySpan<KeyValuePair<string, object?>> other)
        {
            if (other.Length != tags.Length)
            {
                return false;
            }

            for (var i = 0; i < tags.Length; i++)
            {
                if (!string.Equals(tags[i].Key, other[i].Key, StringComparison.Ordinal) || !Equals(tags[i].Value, other[i].Value))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>MeterAdapter's translation (its PrometheusNameHelpers is internal): lower case, anything but [a-z0-9_] becomes '_'.</summary>
    private static string ToPrometheusName(string name)
    {
        var builder = new StringBuilder(name.Length + 1);
        foreach (var c in name.ToLowerInvariant())
        {
            if (builder.Length == 0 && c is not ((>= 'a' and <= 'z') or '_'))
            {
                builder.Append('_');
            }

            builder.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' ? c : '_');
        }

        return builder.ToString();
    }
}
