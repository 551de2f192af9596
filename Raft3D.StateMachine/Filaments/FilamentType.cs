namespace Raft3D.StateMachine.Filaments;

/// <summary>The filament materials the farm stocks. Byte-sized because it is written into every command.</summary>
public enum FilamentType : byte
{
    PLA = 1,
    PETG = 2,
    ABS = 3,
    TPU = 4,
}
