namespace Raft3D.StateMachine.Printers;

/// <summary>What a printer is doing, derived from its maintenance flag and its jobs.</summary>
public enum PrinterState : byte
{
    Idle = 1,
    Printing = 2,
    Maintenance = 3,
}
