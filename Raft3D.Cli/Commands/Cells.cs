using System.Globalization;

namespace Raft3D.Cli.Commands;

/// <summary>How values look in a table cell.</summary>
internal static class Cells
{
    public static string Grams(decimal grams) => grams.ToString("0.###", CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string YesNo(bool value) => value ? "yes" : "no";

    /// <summary>A value that may be absent (no printer, no queue position): "-", as cluster status shows one.</summary>
    public static string OrDash(string? value) => value ?? "-";
}
