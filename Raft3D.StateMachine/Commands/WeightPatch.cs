namespace Raft3D.StateMachine.Commands;

/// <summary>
/// A merge patch of an optional weight: leave it (the default), clear it (JSON null), or set it.
/// Its own type because "absent" and "null" mean different things in a merge patch.
/// </summary>
public readonly record struct WeightPatch(bool Clear, decimal? Value)
{
    public static WeightPatch Keep => default;

    public static WeightPatch Remove => new(true, null);

    public static WeightPatch Set(decimal grams) => new(false, grams);

    public decimal? ApplyTo(decimal? current) => Clear ? null : Value ?? current;
}
