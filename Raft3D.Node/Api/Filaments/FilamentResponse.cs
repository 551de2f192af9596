using Raft3D.StateMachine.Filaments;

namespace Raft3D.Node.Api.Filaments;

/// <summary>A spool and what is left on it. Remaining drops when a job using it is Done.</summary>
public sealed record FilamentResponse(string Id, string Type, string Color, decimal TotalWeightInGrams, decimal RemainingWeightInGrams)
{
    public static FilamentResponse From(Filament filament)
        => new(filament.Id, filament.Type.ToString(), filament.Color, filament.TotalWeightInGrams, filament.RemainingWeightInGrams);
}
