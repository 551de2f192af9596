using System.Globalization;

namespace Raft3D.Cli.Commands;

/// <summary>How values look in a table cell.</summary>
internal static class Cells
{
    public static string Grams(decimal grams) => grams.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>A change of weight: "+" for what it added, so that a column of changes reads at a glance.</summary>
    public static string SignedGrams(decimal grams) => grams.ToString("+0.###;-0.###;0", CultureInfo.InvariantCulture);

    /// <summary>A time as the API writes it (UTC, milliseconds), or "-" for one from before times were kept.</summary>
    public static string Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) ?? "-";

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string YesNo(bool value) => value ? "yes" : "no";

    /// <summary>A value that may be absent (no printer, no queue position): "-", as cluster status shows one.</summary>
    public static string OrDash(string? value) => value ?? "-";
}
