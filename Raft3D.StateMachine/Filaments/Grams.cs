using System.Globalization;

namespace Raft3D.StateMachine.Filaments;

/// <summary>
/// Writes a weight for a person: no trailing zeros, so the same amount reads the same whatever arithmetic
/// produced it (10.50 - 0.50 is "10", not "10.00"), on every node.
/// </summary>
public static class Grams
{
    public static string Format(decimal grams) => grams.ToString("0.###", CultureInfo.InvariantCulture);
}
