namespace Raft3D.StateMachine.Filaments;

/// <summary>A spool with what its open jobs hold of it, read together under one lock.</summary>
/// <param name="ReservedWeightInGrams">Grams its Queued and Running jobs will take.</param>
public sealed record FilamentView(Filament Filament, decimal ReservedWeightInGrams)
{
    /// <summary>What a new job may still take: remaining minus reserved. Negative after a correction below the reservations.</summary>
    public decimal AvailableWeightInGrams => Filament.RemainingWeightInGrams - ReservedWeightInGrams;
}
