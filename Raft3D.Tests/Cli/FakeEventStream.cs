using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Raft3D.Tests.Cli;

/// <summary>Scripted answers to GET /api/v1/events for <see cref="FakeTransport"/>: the text, and how the stream ends.</summary>
internal static class FakeEventStream
{
    /// <summary>A 10 ms reconnection time, so that a test's failovers take no real time.</summary>
    public const string Retry = "retry: 10\n\n";

    public const string ClusterEvent = "event: cluster\ndata: {\"node_id\":\"node1\",\"role\":\"leader\",\"term\":2}\n\n";

    /// <summary>The stream gives <paramref name="text"/>, then its connection is reset.</summary>
    public static HttpResponseMessage Drops(string text) => Respond(new DroppedConnectionBody(Encoding.UTF8.GetBytes(text)));

    /// <summary>The stream gives <paramref name="text"/>, then stays open and silent.</summary>
    public static HttpResponseMessage StaysOpen(string text) => Respond(new OpenStreamBody(Encoding.UTF8.GetBytes(text)));

    /// <summary>The stream gives <paramref name="text"/>, waits <paramref name="pause"/>, gives <paramref name="later"/>, then stays open.</summary>
    public static HttpResponseMessage Pauses(string text, TimeSpan pause, string later)
        => Respond(new PausingBody(Encoding.UTF8.GetBytes(text), pause, Encoding.UTF8.GetBytes(later)));

    /// <summary>The stream gives <paramref name="text"/>, then the node ends it, as after a slow_client reset.</summary>
    public static HttpResponseMessage Ends(string text) => Respond(new MemoryStream(Encoding.UTF8.GetBytes(text)));

    /// <summary>A print_job event at log index <paramref name="index"/>, which is also the job's version.</summary>
    public static string Job(long index, string id, string status)
        => $"event: print_job\nid: {index}\ndata: {JobJson(index, id, status)}\n\n";

    /// <summary>A job as the API writes it, at version <paramref name="version"/>.</summary>
    public static string JobJson(long version, string id, string status)
        => $"{{\"id\":\"{id}\",\"printer_id\":\"p1\",\"filament_id\":\"f1\",\"filepath\":\"a.gcode\",\"print_weight_in_grams\":5,\"status\":\"{status}\",\"version\":{version}}}";

    /// <summary>A reset event: live events follow from <paramref name="index"/>.</summary>
    public static string Reset(string reason, long index, long oldestIndex)
        => $"event: reset\nid: {index}\ndata: {{\"reason\":\"{reason}\",\"index\":{index},\"oldest_index\":{oldestIndex}}}\n\n";

    private static HttpResponseMessage Respond(Stream body)
    {
        var content = new StreamContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/event-stream");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }
}
