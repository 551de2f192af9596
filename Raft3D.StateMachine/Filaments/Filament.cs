namespace Raft3D.StateMachine.Filaments;

/// <summary>A spool of filament and how much of it is left.</summary>
/// <param name="InitialRemainingWeightInGrams">
/// What the create command said was left. Kept so that a replayed create (same id, same body) is recognised
/// as the same request even after jobs have consumed part of the spool.
/// </param>
public sealed record Filament(
    string Id,
    FilamentType Type,
    string Color,
    decimal TotalWeightInGrams,
    decimal RemainingWeightInGrams,
    decimal InitialRemainingWeightInGrams);
