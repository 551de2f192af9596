using System.Buffers;
using System.Buffers.Binary;
using DotNext.IO;
using DotNext.Net.Cluster.Consensus.Raft.StateMachine;

namespace Raft3D.Floor;

/// <summary>The least a state machine can do: keep the last 8-byte value, snapshot it every 10,000 entries.</summary>
internal sealed class CounterStateMachine(DirectoryInfo location) : SimpleStateMachine(location)
{
    private const long SnapshotInterval = 10_000;

    public long Value { get; private set; }

    protected override async ValueTask RestoreAsync(FileInfo snapshotFile, CancellationToken token)
    {
        var buffer = new byte[sizeof(long)];
        await using var stream = snapshotFile.OpenRead();
        await stream.ReadExactlyAsync(buffer, token);
        Value = BinaryPrimitives.ReadInt64LittleEndian(buffer);
    }

    protected override ValueTask PersistAsync(IAsyncBinaryWriter writer, CancellationToken token)
    {
        var buffer = new byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(buffer, Value);
        return writer.Invoke(buffer, token);
    }

    protected override ValueTask<bool> ApplyAsync(LogEntry entry, CancellationToken token)
    {
        if (entry.TryGetPayload(out var payload) && payload.Length == sizeof(long))
        {
            Span<byte> value = stackalloc byte[sizeof(long)];
            payload.CopyTo(value);
            Value = BinaryPrimitives.ReadInt64LittleEndian(value);
        }

        return new(entry.Index % SnapshotInterval == 0);
    }
}
