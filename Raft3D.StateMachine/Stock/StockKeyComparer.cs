using Raft3D.StateMachine.Filaments;

namespace Raft3D.StateMachine.Stock;

/// <summary>A stock group's key: the type, and the colour ignoring case ("Red" and "red" are one stock).</summary>
internal sealed class StockKeyComparer : IEqualityComparer<(FilamentType Type, string Color)>
{
    public static StockKeyComparer Instance { get; } = new();

    public bool Equals((FilamentType Type, string Color) x, (FilamentType Type, string Color) y)
        => x.Type == y.Type && string.Equals(x.Color, y.Color, StringComparison.OrdinalIgnoreCase);

    public int GetHashCode((FilamentType Type, string Color) obj)
        => HashCode.Combine(obj.Type, StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Color));
}
