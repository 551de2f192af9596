namespace Raft3D.StateMachine.Changes;

/// <summary>
/// Told, on the applying thread and in log order, what each entry changed, and when a snapshot replaced the
/// whole state (entries up to its index were skipped, so their changes are never told). Must return quickly:
/// the next entry waits for it. An exception is logged and the node goes on applying; the observer has missed
/// that update.
/// </summary>
public interface IAppliedChangesObserver
{
    void Applied(AppliedChanges changes);

    void Replaced(long index);
}
