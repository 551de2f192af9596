namespace Raft3D.StateMachine.Printers;

/// <summary>Reads a printer state in any case; refuses numbers and unknown names.</summary>
public static class PrinterStateNames
{
    public static bool TryParse(string? text, out PrinterState state)
    {
        state = default;
        var trimmed = text?.Trim();
        return !string.IsNullOrEmpty(trimmed)
            && char.IsLetter(trimmed[0])
            && Enum.TryParse(trimmed, ignoreCase: true, out state)
            && Enum.IsDefined(state);
    }

    public static string AllowedList => "Idle, Printing, Maintenance";
}
