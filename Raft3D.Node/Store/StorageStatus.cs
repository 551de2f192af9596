namespace Raft3D.Node.Store;

/// <summary>Free space on the data directory's file system as this node last saw it, without a system call.</summary>
/// <param name="Full">True while this node refuses to store log entries for lack of space.</param>
/// <param name="AvailableBytes">Space this process may still use there; -1 while unknown (guard off, or not looked yet).</param>
/// <param name="ReserveBytes">Below this the node stops storing: Raft3D:Storage:ReserveKiB plus the newest snapshot's size; 0 when the guard is off.</param>
/// <param name="NoSpaceErrors">I/O errors that said "no space left on device" since the node started.</param>
public sealed record StorageStatus(bool Full, long AvailableBytes, long ReserveBytes, long NoSpaceErrors);
