namespace Raft3D.StateMachine;

/// <summary>
/// Reads an enum value as people write it: its name in any case, trimmed. Numbers are refused, so "2" cannot
/// sneak in as a status or a state, and so are names the enum does not define.
/// </summary>
public static class EnumNames
{
    public static bool TryParse<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        value = default;
        var trimmed = text?.Trim();
        return !string.IsNullOrEmpty(trimmed)
            && char.IsLetter(trimmed[0])
            && Enum.TryParse(trimmed, ignoreCase: true, out value)
            && Enum.IsDefined(value);
    }
}
