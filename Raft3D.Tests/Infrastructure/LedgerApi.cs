using System.Text;
using System.Text.Json;

namespace Raft3D.Tests.Infrastructure;

/// <summary>Requests for the spool ledger, stock and export, and writes with an Idempotency-Key, in the API's own JSON shapes.</summary>
internal static class LedgerApi
{
    public const string KeyHeader = "Idempotency-Key";

    public const string ReplayedHeader = "Idempotent-Replayed";

    public static Task<HttpResponseMessage> AdjustAsync(this HttpClient client, string filamentId, decimal grams, string? reason = null, string? ifMatch = null, string? key = null)
        => client.SendAsync(HttpMethod.Post, $"/api/v1/filaments/{filamentId}/adjustments", new { grams, reason }, ifMatch, key);

    public static Task<HttpResponseMessage> MeasureAsync(this HttpClient client, string filamentId, decimal gross, decimal? spool = null, string? reason = null, string? ifMatch = null)
        => client.SendAsync(HttpMethod.Post, $"/api/v1/filaments/{filamentId}/measure", new { gross_weight_in_grams = gross, spool_weight_in_grams = spool, reason }, ifMatch, key: null);

    /// <summary>Done with the weight the print really used, as a JSON body.</summary>
    public static Task<HttpResponseMessage> FinishAsync(this HttpClient client, string jobId, decimal? actualWeight, string? key = null)
        => client.SendAsync(HttpMethod.Post, $"/api/v1/print_jobs/{jobId}/status", new { status = "Done", actual_weight_in_grams = actualWeight }, ifMatch: null, key);

    /// <summary>
    /// Sends <paramref name="body"/> as JSON (a string as it is, for bodies a serializer would not write), with
    /// If-Match and Idempotency-Key exactly as given (no validation), so tests can send malformed ones too.
    /// </summary>
    public static async Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string path, object? body, string? ifMatch, string? key)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            var json = body as string ?? JsonSerializer.Serialize(body);
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation(KeyHeader, key);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Whether the answer says it is the kept answer to an earlier request with the same key.</summary>
    public static bool IsReplay(this HttpResponseMessage response)
        => response.Headers.TryGetValues(ReplayedHeader, out var values) && values.Single() == "true";

    /// <summary>A spool's whole ledger as this node holds it, newest first.</summary>
    public static Task<JsonElement> LedgerAsync(this HttpClient client, string filamentId)
        => client.GetJsonAsync(FarmApi.Local($"/api/v1/filaments/{filamentId}/ledger"));
}
