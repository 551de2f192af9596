namespace Raft3D.Bench;

/// <summary>The same size of write for both systems: about 150 bytes of JSON.</summary>
internal static class Payload
{
    // Padding that brings each request body to ~150 bytes.
    public const string Model = "Original Prusa MK4S with input shaper and a 0.4 mm nozzle";

    public static string Key(string run, int seq) => $"{run}-{seq:D8}";
}
