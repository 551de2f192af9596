using System.Net;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Browser;

/// <summary>A small farm with something in every part of the dashboard, for its picture in the README.</summary>
internal static class ShowcaseFarm
{
    public static async Task PopulateAsync(HttpClient api)
    {
        await Ok(api.CreatePrinterAsync("mk4-1", "Prusa", "MK4"), HttpStatusCode.Created);
        await Ok(api.CreatePrinterAsync("ender-1", "Creality", "Ender 3 V3"), HttpStatusCode.Created);
        await Ok(api.CreatePrinterAsync("x1c-1", "Bambu Lab", "X1 Carbon"), HttpStatusCode.Created);
        await Ok(api.CreateFilamentAsync("pla-red", 1000, "PLA", "Red"), HttpStatusCode.Created);
        await Ok(api.CreateFilamentAsync("petg-black", 250, "PETG", "Black"), HttpStatusCode.Created);
        await Ok(api.CreateFilamentAsync("abs-white", 750, "ABS", "White"), HttpStatusCode.Created);

        await Ok(api.CreateJobAsync("benchy", "ender-1", "pla-red", 15), HttpStatusCode.Created);
        await Ok(api.SetStatusAsync("benchy", "Running"), HttpStatusCode.OK);
        await Ok(api.SetStatusAsync("benchy", "Done"), HttpStatusCode.OK);
        await Ok(api.CreateJobAsync("bracket", "x1c-1", "abs-white", 40), HttpStatusCode.Created);
        await Ok(api.SetStatusAsync("bracket", "Canceled"), HttpStatusCode.OK);
        await Ok(api.CreateJobAsync("gearbox", "mk4-1", "pla-red", 120), HttpStatusCode.Created);
        await Ok(api.DispatchAsync("mk4-1"), HttpStatusCode.OK);
        await Ok(api.ReportProgressAsync("gearbox", 65), HttpStatusCode.OK);
        await Ok(api.CreateJobAsync("vase", "mk4-1", "pla-red", 90), HttpStatusCode.Created);
        await Ok(api.CreateJobAsync("clip", "ender-1", "petg-black", 230), HttpStatusCode.Created);
        await Ok(api.CreateUnassignedJobAsync("hinge", "abs-white", 60), HttpStatusCode.Created);
    }

    private static async Task Ok(Task<HttpResponseMessage> send, HttpStatusCode expected)
    {
        using var response = await send;
        await response.ExpectAsync(expected, "showcase farm");
    }
}
