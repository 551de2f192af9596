using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Raft3D.Tests.Infrastructure;

/// <summary>Requests the tests send, in the API's own JSON shapes, and readers for what comes back.</summary>
internal static class FarmApi
{
    /// <summary>
    /// Sends again while the answer is 503 (an election under way), until the deadline. Only for requests a retry
    /// cannot apply twice: a create by id, a keyed write. A 503 is a "maybe", so retrying is what a client does.
    /// </summary>
    public static async Task<HttpResponseMessage> UntilAnsweredAsync(Func<Task<HttpResponseMessage>> send, TimeSpan? timeout = null)
        => await Eventually.ReturnsAsync(
            async () => await send() is var response && response.StatusCode == HttpStatusCode.ServiceUnavailable ? null : response,
            timeout ?? TimeSpan.FromSeconds(30),
            "an answer other than 503");

    /// <summary>
    /// A create by id that must succeed, sent until it is answered other than 503 (an election, common right after
    /// a cluster starts on a loaded machine). A 503 may hide a commit, so after one a 409 for the same id is the
    /// same success: the id is the test's own.
    /// </summary>
    public static async Task ExpectCreatedAsync(Func<Task<HttpResponseMessage>> create, string what)
    {
        var refused = false;
        using var answer = await Eventually.ReturnsAsync(
            async () =>
            {
                var response = await create();
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                {
                    return response;
                }

                refused = true;
                response.Dispose();
                return null;
            },
            TimeSpan.FromSeconds(30),
            $"{what}: an answer other than 503");
        if (!(refused && answer.StatusCode == HttpStatusCode.Conflict))
        {
            await answer.ExpectAsync(HttpStatusCode.Created, what);
        }
    }

    public static Task<HttpResponseMessage> CreatePrinterAsync(this HttpClient client, string id, string company = "Prusa", string model = "MK4")
        => client.PostAsJsonAsync("/api/v1/printers", new { id, company, model });

    public static Task<HttpResponseMessage> CreateFilamentAsync(this HttpClient client, string id, decimal total, string type = "PLA", string color = "Red")
        => client.PostAsJsonAsync("/api/v1/filaments", new { id, type, color, total_weight_in_grams = total });

    public static Task<HttpResponseMessage> CreateJobAsync(this HttpClient client, string id, string printerId, string filamentId, decimal grams)
        => client.PostAsJsonAsync("/api/v1/print_jobs", new { id, printer_id = printerId, filament_id = filamentId, filepath = $"/prints/{id}.gcode", print_weight_in_grams = grams });

    public static Task<HttpResponseMessage> SetStatusAsync(this HttpClient client, string jobId, string status)
        => client.PostAsync($"/api/v1/print_jobs/{jobId}/status?status={status}", content: null);

    /// <summary>A job in the farm's unassigned queue: no printer_id in the body at all.</summary>
    public static Task<HttpResponseMessage> CreateUnassignedJobAsync(this HttpClient client, string id, string filamentId, decimal grams)
        => client.PostAsJsonAsync("/api/v1/print_jobs", new { id, filament_id = filamentId, filepath = $"/prints/{id}.gcode", print_weight_in_grams = grams });

    public static Task<HttpResponseMessage> DispatchAsync(this HttpClient client, string printerId, string? ifMatch = null)
        => client.SendWithIfMatchAsync(HttpMethod.Post, $"/api/v1/printers/{printerId}/dispatch", body: null, ifMatch);

    public static Task<HttpResponseMessage> StartMaintenanceAsync(this HttpClient client, string printerId)
        => client.SendWithIfMatchAsync(HttpMethod.Post, $"/api/v1/printers/{printerId}/maintenance", body: null, ifMatch: null);

    public static Task<HttpResponseMessage> EndMaintenanceAsync(this HttpClient client, string printerId)
        => client.SendWithIfMatchAsync(HttpMethod.Delete, $"/api/v1/printers/{printerId}/maintenance", body: null, ifMatch: null);

    public static Task<HttpResponseMessage> AssignAsync(this HttpClient client, string jobId, string printerId, string? ifMatch = null)
        => client.SendWithIfMatchAsync(HttpMethod.Post, $"/api/v1/print_jobs/{jobId}/assign", new { printer_id = printerId }, ifMatch);

    public static Task<HttpResponseMessage> ReportProgressAsync(this HttpClient client, string jobId, int percent, string? ifMatch = null)
        => client.SendWithIfMatchAsync(HttpMethod.Post, $"/api/v1/print_jobs/{jobId}/progress", new { percent }, ifMatch);

    /// <summary>A JSON merge patch (application/merge-patch+json), with If-Match when given.</summary>
    public static Task<HttpResponseMessage> MergePatchAsync(this HttpClient client, string path, object body, string? ifMatch = null)
        => client.SendWithIfMatchAsync(HttpMethod.Patch, path, body, ifMatch);

    /// <summary>A DELETE with If-Match when given.</summary>
    public static Task<HttpResponseMessage> DeleteWithIfMatchAsync(this HttpClient client, string path, string? ifMatch = null)
        => client.SendWithIfMatchAsync(HttpMethod.Delete, path, body: null, ifMatch);

    /// <summary>
    /// Sends <paramref name="ifMatch"/> as is (no validation), so tests can send malformed tags too. A PATCH body
    /// goes as application/merge-patch+json, any other as application/json.
    /// </summary>
    public static async Task<HttpResponseMessage> SendWithIfMatchAsync(this HttpClient client, HttpMethod method, string path, object? body, string? ifMatch)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, method == HttpMethod.Patch ? "application/merge-patch+json" : "application/json");
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }

    /// <summary>The ETag header exactly as sent, quotes included; null when there is none.</summary>
    public static string? ETagOf(this HttpResponseMessage response)
        => response.Headers.TryGetValues("ETag", out var values) ? values.Single() : null;

    /// <summary><paramref name="path"/> read from the node's own state, without the leader barrier.</summary>
    public static string Local(string path) => path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "consistency=local";

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text.Length == 0 ? "null" : text).RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        await response.ExpectAsync(HttpStatusCode.OK, $"GET {path}");
        return await response.JsonAsync();
    }

    /// <summary>Asserts the status, showing the body when it is not the one expected.</summary>
    public static async Task ExpectAsync(this HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        if (response.StatusCode != expected)
        {
            Assert.Fail($"{what}: expected {(int)expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public static async Task<string?> ProblemCodeAsync(this HttpResponseMessage response)
    {
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), $"status {(int)response.StatusCode}");
        var problem = await response.JsonAsync();
        Assert.That(problem.GetProperty("detail").GetString(), Is.Not.Empty);
        return problem.GetProperty("code").GetString();
    }
}
