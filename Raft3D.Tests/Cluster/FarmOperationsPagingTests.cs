using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Cluster;

/// <summary>Paging a large list through a follower while the farm keeps writing.</summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public sealed partial class FarmOperationsPagingTests : FarmOperationsFixture
{
    private const int Jobs = 10_000;
    private const int InFlight = 48;
    private const int PageSize = 100;

    [Test]
    public async Task Pages_of_100_over_10000_jobs_visit_each_exactly_once_while_jobs_keep_being_added()
    {
        // One spool feeds them all: 1 g each, with room for the jobs added while paging.
        await GivenAsync(() => Client(Leader).CreateFilamentAsync("pg-f", 100_000m), "filament");
        var originals = Enumerable.Range(0, Jobs).Select(i => $"pg-j{i:D5}").ToList();
        var creating = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            originals,
            new ParallelOptions { MaxDegreeOfParallelism = InFlight },
            async (id, _) => await GivenAsync(() => Client(Leader).CreateUnassignedJobAsync(id, "pg-f", 1m), id));
        creating.Stop();
        await TestContext.Out.WriteLineAsync($"Created {Jobs} jobs with {InFlight} in flight in {creating.Elapsed.TotalSeconds:F1} s ({Jobs / creating.Elapsed.TotalSeconds:F0}/s).");

        using var stopWriting = new CancellationTokenSource();
        var writer = KeepWritingAsync(originals, stopWriting.Token);
        var paging = Stopwatch.StartNew();
        var seen = new List<string>();
        var pages = 0;
        var lastTotal = 0;
        var path = $"/api/v1/print_jobs?filament_id=pg-f&limit={PageSize}";
        try
        {
            while (path is not null)
            {
                using var response = await GetPageAsync(path);
                await response.ExpectAsync(HttpStatusCode.OK, $"page {pages + 1}: GET {path}");
                var body = await response.JsonAsync();
                var total = response.Headers.TryGetValues("X-Total-Count", out var totals) ? int.Parse(totals.Single(), CultureInfo.InvariantCulture) : -1;
                Assert.Multiple(() =>
                {
                    Assert.That(body.ValueKind, Is.EqualTo(JsonValueKind.Array), $"page {pages + 1}: the body is a JSON array");
                    Assert.That(total, Is.GreaterThanOrEqualTo(Math.Max(Jobs, lastTotal)), $"page {pages + 1}: X-Total-Count, present and never shrinking while jobs are added");
                });
                Assert.That(body.GetArrayLength(), Is.InRange(1, PageSize), $"page {pages + 1}: its length");
                seen.AddRange(IdsOf(body));
                lastTotal = total;
                pages++;
                path = NextLink(response, pages);
            }
        }
        finally
        {
            await stopWriting.CancelAsync();
        }

        var added = await writer;
        paging.Stop();
        await TestContext.Out.WriteLineAsync($"Paged {seen.Count} jobs in {pages} pages in {paging.Elapsed.TotalSeconds:F1} s while {added} writes went on.");

        var repeats = seen.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => $"{g.Key} x{g.Count()}").ToList();
        var missed = originals.Except(seen).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(repeats, Is.Empty, "ids seen on more than one page (or twice on one)");
            Assert.That(missed, Is.Empty, $"original jobs never seen ({missed.Count} of {Jobs}; first: {string.Join(", ", missed.Take(10))})");
            Assert.That(added, Is.GreaterThan(0), "writes that went on while paging");
            Assert.That(pages, Is.GreaterThanOrEqualTo(Jobs / PageSize), "pages");
        });
    }

    /// <summary>
    /// One page from a follower. A 503 (an election under load) is asked again: a GET changes nothing, and the
    /// test is about what the pages hold, not about availability.
    /// </summary>
    private async Task<HttpResponseMessage> GetPageAsync(string path)
        => await Eventually.ReturnsAsync(
            async () =>
            {
                var response = await Client(Follower1).GetAsync(path);
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                {
                    return response;
                }

                response.Dispose();
                return null;
            },
            Patience,
            $"GET {path} to answer other than 503");

    /// <summary>Until told to stop: new jobs on the same spool (they join the end of the list), and edits of the originals.</summary>
    private async Task<int> KeepWritingAsync(List<string> originals, CancellationToken stop)
    {
        var writes = 0;
        while (!stop.IsCancellationRequested)
        {
            var client = RoundRobin(writes);
            if (writes % 2 == 0)
            {
                await GivenAsync(() => client.CreateUnassignedJobAsync($"pg-extra{writes}", "pg-f", 1m), $"write {writes} while paging");
            }
            else
            {
                // Setting the same filepath again is harmless, so a 503 is simply asked again.
                var path = $"/api/v1/print_jobs/{originals[writes * 97 % originals.Count]}";
                var filepath = $"/prints/edited-{writes}.gcode";
                await Eventually.HoldsAsync(
                    async () =>
                    {
                        using var response = await client.MergePatchAsync(path, new { filepath });
                        if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                        {
                            await response.ExpectAsync(HttpStatusCode.OK, $"write {writes} while paging: PATCH {path}");
                        }

                        return response.StatusCode == HttpStatusCode.OK;
                    },
                    Patience,
                    $"PATCH {path} while paging");
            }

            writes++;
        }

        return writes;
    }

    /// <summary>The Link rel="next" target, checked to be a relative path keeping the filter and the limit; null on the last page.</summary>
    private static string? NextLink(HttpResponseMessage response, int page)
    {
        if (!response.Headers.TryGetValues("Link", out var links))
        {
            return null;
        }

        var link = string.Join(", ", links);
        var match = NextLinkPattern().Match(link);
        Assert.That(match.Success, $"page {page}: expected Link: <url>; rel=\"next\", got {link}");
        var url = match.Groups["url"].Value;
        Assert.Multiple(() =>
        {
            Assert.That(url, Does.StartWith("/api/v1/print_jobs?"), $"page {page}: the next link is a relative path");
            Assert.That(url, Does.Contain("filament_id=pg-f").And.Contain($"limit={PageSize}").And.Contain("cursor="), $"page {page}: the next link keeps the filter and the limit");
        });
        return url;
    }

    [GeneratedRegex("<(?<url>[^>]+)>\\s*;\\s*rel=\"next\"")]
    private static partial Regex NextLinkPattern();
}
