using System.Net;
using System.Net.Http.Json;

namespace Raft3D.Tests.Infrastructure;

/// <summary>
/// The earlier Raft3D systems' curl walk-through (shared/seeds), sent as they sent it: their paths
/// (/print_jobs, /printjobs, /jobs), lower-case types and statuses, PATCH with a body.
/// </summary>
internal static class SeedFlow
{
    public static async Task RunAsync(HttpClient client, string prefix = "")
    {
        string P(string id) => prefix + id;
        // The first write of a new cluster may meet its first leader change.
        await FarmApi.ExpectCreatedAsync(() => client.PostAsJsonAsync("/api/v1/printers", new { id = P("p1"), company = "Creality", model = "Ender3" }), "seed printer");
        using var filament = await client.PostAsJsonAsync("/api/v1/filaments", new { id = P("f1"), type = "pla", color = "Red", total_weight_in_grams = 1000, remaining_weight_in_grams = 1000 });
        await filament.ExpectAsync(HttpStatusCode.Created, "seed filament");
        Assert.That((await filament.JsonAsync()).GetProperty("type").GetString(), Is.EqualTo("PLA"));

        // Seed 001 posted to /printjobs with "status":"queued"; seed 002 used /print_jobs.
        using var job = await client.PostAsJsonAsync("/api/v1/printjobs", new { id = P("j1"), printer_id = P("p1"), filament_id = P("f1"), filepath = "/prints/cube.gcode", print_weight_in_grams = 200, status = "queued" });
        await job.ExpectAsync(HttpStatusCode.Created, "seed job via /printjobs");
        await (await client.PostAsync($"/api/v1/print_jobs/{P("j1")}/status?status=running", null)).ExpectAsync(HttpStatusCode.OK, "running");

        // Seed 000 used PATCH /jobs/{id}/status with a JSON body.
        await (await client.PatchAsJsonAsync($"/api/v1/jobs/{P("j1")}/status", new { status = "Done" })).ExpectAsync(HttpStatusCode.OK, "done via PATCH /jobs");

        var spool = await client.GetJsonAsync($"/api/v1/filaments/{P("f1")}");
        Assert.That(spool.GetProperty("remaining_weight_in_grams").GetDecimal(), Is.EqualTo(800m));
        var jobs = await client.GetJsonAsync($"/api/v1/printjobs?printer_id={P("p1")}");
        Assert.That(jobs[0].GetProperty("status").GetString(), Is.EqualTo("Done"));

        using var again = await client.PostAsync($"/api/v1/print_jobs/{P("j1")}/status?status=Cancelled", null);
        Assert.That(await again.ProblemCodeAsync(), Is.EqualTo("invalid_transition"));
    }
}
