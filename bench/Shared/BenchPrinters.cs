using System.Globalization;
using Raft3D.StateMachine.Commands;

namespace Raft3D.Bench.Shared;

/// <summary>
/// Printer creates shaped like the bench's writes, for the probes that build a farm without a node
/// (bench/row-memory.sh, bench/restore-time.sh): an id like the load script's, the same company and model text.
/// </summary>
internal static class BenchPrinters
{
    private const string Company = "Prusa Research";
    private const string Model = "Original Prusa MK4S with input shaper and a 0.4 mm nozzle";
    private static readonly DateTimeOffset FirstStamp = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The <paramref name="i"/>th create, with new strings, as the decoder makes them for every command.</summary>
    public static CreatePrinter Create(int i)
        => new(string.Create(CultureInfo.InvariantCulture, $"wl64-{i % 2}-{i:D8}"), new string(Company.AsSpan()), new string(Model.AsSpan()))
        {
            StampedAt = FirstStamp.AddMilliseconds(i),
        };
}
