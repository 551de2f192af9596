namespace Raft3D.StateMachine.Filaments;

/// <summary>Reads a filament type in any case; refuses numbers and unknown materials.</summary>
public static class FilamentTypeNames
{
    public static bool TryParse(string? text, out FilamentType type) => EnumNames.TryParse(text, out type);

    public static string AllowedList => "PLA, PETG, ABS, TPU";
}
