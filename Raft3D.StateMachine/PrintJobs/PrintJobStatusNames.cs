namespace Raft3D.StateMachine.PrintJobs;

/// <summary>
/// Reads a status as people write it: any case, and the British "Cancelled" for Canceled.
/// Numeric strings are refused so that "2" cannot sneak in as Running.
/// </summary>
public static class PrintJobStatusNames
{
    public static bool TryParse(string? text, out PrintJobStatus status)
    {
        if (string.Equals(text?.Trim(), "Cancelled", StringComparison.OrdinalIgnoreCase))
        {
            status = PrintJobStatus.Canceled;
            return true;
        }

        return EnumNames.TryParse(text, out status);
    }

    public static string AllowedList => "Queued, Running, Done, Canceled";
}
