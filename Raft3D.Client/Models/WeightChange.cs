using System.Text.Json.Serialization;

namespace Raft3D.Client;

/// <summary>
/// A change of an optional weight in a merge patch: <see cref="Clear"/> sends JSON null (forget it), <see cref="To"/>
/// a number. A patch property left null is not sent at all and keeps the weight: the three cases a merge patch
/// tells apart, which a plain <c>decimal?</c> cannot, since the client leaves every null out of its requests.
/// </summary>
[JsonConverter(typeof(WeightChangeJsonConverter))]
public readonly record struct WeightChange
{
    private WeightChange(decimal? grams) => Grams = grams;

    /// <summary>The new weight; null when the change clears it.</summary>
    public decimal? Grams { get; }

    public bool Clears => Grams is null;

    public static WeightChange Clear => new(null);

    public static WeightChange To(decimal grams) => new(grams);
}
