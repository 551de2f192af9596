namespace Raft3D.StateMachine.Printers;

/// <summary>Reads a printer state in any case; refuses numbers and unknown names.</summary>
public static class PrinterStateNames
{
    public static bool TryParse(string? text, out PrinterState state) => EnumNames.TryParse(text, out state);

    public static string AllowedList => "Idle, Printing, Maintenance";
}
