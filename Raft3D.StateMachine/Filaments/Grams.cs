using System.Globalization;

namespace Raft3D.StateMachine.Filaments;

/// <summary>
/// Writes a weight for a person: no trailing zeros, so the same amount reads the same whatever arithmetic
/// produced it (10.50 - 0.50 is "10", not "10.00"), on every node.
/// </summary>
public static class Grams
{
    public static string Format(decimal grams) => grams.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>
    /// The same amount with no trailing zeros (12.50 becomes 12.5, 100.00 becomes 100): decimals keep the scale
    /// they were written or computed with, and two spellings of one amount must compare, hash and show alike.
    /// </summary>
    public static decimal Canonical(decimal grams)
    {
        while (grams.Scale > 0)
        {
            var shorter = decimal.Round(grams, grams.Scale - 1);
            if (shorter != grams)
            {
                break;
            }

            grams = shorter;
        }

        return grams;
    }
}
