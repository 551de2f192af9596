using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Raft3D.Tests.Cli;

/// <summary>
/// Kestrel on a loopback port with a given server certificate, answering <c>GET /api/v1/printers</c> with one
/// printer: enough of a node to see whether a client trusts its TLS, without a cluster behind it.
/// </summary>
internal sealed class HttpsTestNode : IAsyncDisposable
{
    public const string PrinterJson = """
        [{"id":"tls-p1","company":"Prusa","model":"MK4","state":"Idle","current_job_id":null,"queued_jobs":0,"version":3}]
        """;

    private readonly WebApplication app;

    private HttpsTestNode(WebApplication app, Uri url)
    {
        this.app = app;
        Url = url;
    }

    public Uri Url { get; }

    /// <param name="host">The name the client connects to, e.g. localhost; the listener is 127.0.0.1 either way.</param>
    public static async Task<HttpsTestNode> StartAsync(X509Certificate2 certificate, string host = "localhost")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        app.MapGet("/api/v1/printers", () => Results.Text(PrinterJson, "application/json"));
        await app.StartAsync();
        var port = new Uri(app.Urls.Single()).Port;
        return new HttpsTestNode(app, new Uri($"https://{host}:{port}"));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
