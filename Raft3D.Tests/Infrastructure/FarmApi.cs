using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Raft3D.Tests.Infrastructure;

/// <summary>Requests the tests send, in the API's own JSON shapes, and readers for what comes back.</summary>
internal static class FarmApi
{
    public static Task<HttpResponseMessage> CreatePrinterAsync(this HttpClient client, string id, string company = "Prusa", string model = "MK4")
        => client.PostAsJsonAsync("/api/v1/printers", new { id, company, model });

    public static Task<HttpResponseMessage> CreateFilamentAsync(this HttpClient client, string id, decimal total, string type = "PLA", string color = "Red")
        => client.PostAsJsonAsync("/api/v1/filaments", new { id, type, color, total_weight_in_grams = total });

    public static Task<HttpResponseMessage> CreateJobAsync(this HttpClient client, string id, string printerId, string filamentId, decimal grams)
        => client.PostAsJsonAsync("/api/v1/print_jobs", new { id, printer_id = printerId, filament_id = filamentId, filepath = $"/prints/{id}.gcode", print_weight_in_grams = grams });

    public static Task<HttpResponseMessage> SetStatusAsync(this HttpClient client, string jobId, string status)
        => client.PostAsync($"/api/v1/print_jobs/{jobId}/status?status={status}", content: null);

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
