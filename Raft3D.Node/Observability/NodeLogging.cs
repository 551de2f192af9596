using Raft3D.Node.Configuration;
using Serilog;
using Serilog.Events;

namespace Raft3D.Node.Observability;

/// <summary>
/// Console and file sinks with their own levels (Serilog behind Microsoft.Extensions.Logging). Every line
/// names the node, so logs from three nodes can be merged and still read.
/// </summary>
public static class NodeLogging
{
    private const string Template = "{Timestamp:yyyy-MM-ddTHH:mm:ss.fffZ} [{Level:u3}] {NodeId} {SourceContext}: {Message:lj}{NewLine}{Exception}";

    public static void Configure(ILoggingBuilder logging, IConfiguration categoryLevels, Raft3DOptions options)
    {
        var levels = options.Logging;
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Verbose()
            .Enrich.WithProperty("NodeId", options.NodeId)
            .WriteTo.Console(outputTemplate: Template, restrictedToMinimumLevel: ToSerilog(levels.Console), formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        var lowest = levels.Console;
        if (!string.IsNullOrWhiteSpace(levels.FilePath))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(levels.FilePath))!);
            configuration.WriteTo.File(
                Path.GetFullPath(levels.FilePath),
                outputTemplate: Template,
                restrictedToMinimumLevel: ToSerilog(levels.File),
                formatProvider: System.Globalization.CultureInfo.InvariantCulture,
                shared: true,
                flushToDiskInterval: TimeSpan.FromSeconds(1));
            lowest = (LogLevel)Math.Min((int)lowest, (int)levels.File);
        }

        // The Logging:LogLevel categories (e.g. ASP.NET Core at Warning, so no line per request) are applied in
        // Serilog: its provider registers its own catch-all filter, which would otherwise override them.
        foreach (var category in categoryLevels.GetChildren())
        {
            if (category.Key != "Default" && Enum.TryParse<LogLevel>(category.Value, ignoreCase: true, out var level))
            {
                configuration.MinimumLevel.Override(category.Key, ToSerilog(level));
            }
        }

        logging.ClearProviders();
        logging.SetMinimumLevel(lowest);
        logging.AddSerilog(configuration.CreateLogger(), dispose: true);
    }

    private static LogEventLevel ToSerilog(LogLevel level) => level switch
    {
        LogLevel.Trace => LogEventLevel.Verbose,
        LogLevel.Debug => LogEventLevel.Debug,
        LogLevel.Information => LogEventLevel.Information,
        LogLevel.Warning => LogEventLevel.Warning,
        LogLevel.Error => LogEventLevel.Error,
        _ => LogEventLevel.Fatal,
    };
}
