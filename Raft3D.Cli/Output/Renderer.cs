using Spectre.Console;

namespace Raft3D.Cli.Output;

/// <summary>
/// Writes results: Spectre.Console tables with colour on a terminal, plain aligned columns when stdout is a
/// pipe or a file (so grep and awk see clean text), and the API's raw JSON with <c>-o json</c>.
/// </summary>
public sealed class Renderer(TextWriter output, TextWriter error, OutputFormat format, bool isTerminal)
{
    public OutputFormat Format => format;

    /// <summary>Stdout itself, for what is streamed rather than rendered (export).</summary>
    public TextWriter Output => output;

    public void Json(string rawJson) => output.WriteLine(rawJson);

    public void Line(string text) => output.WriteLine(text);

    public void Error(string text) => error.WriteLine(text);

    public void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var materialised = rows.ToList();
        if (isTerminal)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
            var table = new Table().Border(TableBorder.Rounded);
            foreach (var header in headers)
            {
                table.AddColumn(new TableColumn($"[bold]{Markup.Escape(header)}[/]"));
            }

            foreach (var row in materialised)
            {
                table.AddRow(row.Select(cell => (Spectre.Console.Rendering.IRenderable)new Text(cell)).ToArray());
            }

            console.Write(table);
            return;
        }

        var widths = headers.Select((h, i) => Math.Max(h.Length, materialised.Count == 0 ? 0 : materialised.Max(r => r[i].Length))).ToArray();
        output.WriteLine(Pad(headers, widths));
        foreach (var row in materialised)
        {
            output.WriteLine(Pad(row, widths));
        }
    }

    private static string Pad(IReadOnlyList<string> cells, int[] widths)
        => string.Join("  ", cells.Select((cell, i) => i == cells.Count - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd();
}
