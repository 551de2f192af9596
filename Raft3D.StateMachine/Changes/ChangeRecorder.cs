using Raft3D.StateMachine.Ledger;

namespace Raft3D.StateMachine.Changes;

/// <summary>
/// Notes which entities the command being applied touches, each once, in order, and the ledger entries it
/// writes. Records only while a command applies: loading a snapshot rebuilds everything and is announced as a
/// whole (<see cref="IAppliedChangesObserver.Replaced"/>).
/// </summary>
internal sealed class ChangeRecorder
{
    private readonly List<(FarmChangeKind Kind, string Id, LedgerEntry? Entry)> touched = [];
    private readonly HashSet<(FarmChangeKind, string)> seen = [];

    public bool IsRecording { get; private set; }

    public IReadOnlyList<(FarmChangeKind Kind, string Id, LedgerEntry? Entry)> Touched => touched;

    public void Begin()
    {
        touched.Clear();
        seen.Clear();
        IsRecording = true;
    }

    public void End() => IsRecording = false;

    public void Entity(FarmChangeKind kind, string id)
    {
        if (IsRecording && seen.Add((kind, id)))
        {
            touched.Add((kind, id, null));
        }
    }

    public void LedgerEntry(LedgerEntry entry)
    {
        if (IsRecording)
        {
            touched.Add((FarmChangeKind.Ledger, entry.FilamentId, entry));
        }
    }
}
