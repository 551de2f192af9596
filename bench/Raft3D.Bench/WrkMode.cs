namespace Raft3D.Bench;

/// <summary>What bench/wrk/load.lua sends: new entities, reads of preloaded ids, or nine reads to one write.</summary>
internal enum WrkMode
{
    Write,
    Read,
    Mixed,
}
