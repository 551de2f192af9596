using Raft3D.Node.Configuration;

namespace Raft3D.Node.Hosting;

/// <summary>
/// <c>Raft3D.Node --health-check</c>: asks the node running in this container for its own <c>/readyz</c> and exits 0
/// when it is ready, 1 otherwise, so an image's HEALTHCHECK needs no curl. It reads the same configuration the
/// node does (appsettings.json, environment, command line) to find the API port, and connects over loopback.
/// </summary>
public static class HealthCheckCommand
{
    public const string Flag = "--health-check";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static bool IsRequested(string[] args) => args.Contains(Flag, StringComparer.Ordinal);

    public static async Task<int> RunAsync(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine([.. args.Where(arg => arg != Flag)])
            .Build();
        var options = configuration.GetSection(Raft3DOptions.SectionName).Get<Raft3DOptions>() ?? new Raft3DOptions();
        var api = new Uri(options.HttpUrl);
        var readiness = new UriBuilder(api) { Host = "127.0.0.1", Path = "/readyz" }.Uri;

        // The probe talks to its own process over loopback: the certificate it would check is the one this
        // container was given, and its name is the member's, not 127.0.0.1.
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
        using var http = new HttpClient(handler) { Timeout = Timeout };
        try
        {
            using var response = await http.GetAsync(readiness);
            Console.WriteLine($"{readiness}: {(int)response.StatusCode} {response.ReasonPhrase}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Console.WriteLine($"{readiness}: {e.Message}");
            return 1;
        }
    }
}
