namespace Raft3D.StateMachine.Filaments;

/// <summary>Reads a filament type in any case; refuses numbers and unknown materials.</summary>
public static class FilamentTypeNames
{
    public static bool TryParse(string? text, out FilamentType type)
    {
        type = default;
        var trimmed = text?.Trim();
        return !string.IsNullOrEmpty(trimmed)
            && char.IsLetter(trimmed[0])
            && Enum.TryParse(trimmed, ignoreCase: true, out type)
            && Enum.IsDefined(type);
    }

    public static string AllowedList => "PLA, PETG, ABS, TPU";
}
