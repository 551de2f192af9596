namespace Raft3D.StateMachine.Commands;

/// <summary>
/// Bounds on every field. They keep one command small (the log is replicated to every node) and keep
/// weights inside what decimal arithmetic handles exactly.
/// </summary>
public static class FieldLimits
{
    public const int MaxIdLength = 64;
    public const int MaxNameLength = 100;
    public const int MaxFilepathLength = 1024;

    /// <summary>A sentence or two on why a spool was corrected; it is kept forever in the ledger.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>A tonne: far beyond any spool, far below where decimal sums could lose digits.</summary>
    public const decimal MaxWeightInGrams = 1_000_000m;

    /// <summary>Milligram precision: more digits than a scale can measure would only be noise.</summary>
    public const int MaxWeightDecimals = 3;
}
