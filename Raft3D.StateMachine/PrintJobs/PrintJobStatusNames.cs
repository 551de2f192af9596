namespace Raft3D.StateMachine.PrintJobs;

/// <summary>
/// Reads a status as people write it: any case, and the British "Cancelled" for Canceled.
/// Numeric strings are refused so that "2" cannot sneak in as Running.
/// </summary>
public static class PrintJobStatusNames
{
    public static bool TryParse(string? text, out PrintJobStatus status)
    {
        status = default;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed) || !char.IsLetter(trimmed[0]))
        {
            return false;
        }

        if (string.Equals(trimmed, "Cancelled", StringComparison.OrdinalIgnoreCase))
        {
            status = PrintJobStatus.Canceled;
            return true;
        }

        return Enum.TryParse(trimmed, ignoreCase: true, out status) && Enum.IsDefined(status);
    }

    public static string AllowedList => "Queued, Running, Done, Canceled";
}
