using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;

namespace Raft3D.StateMachine.Snapshots;

/// <summary>
/// One reused buffer that a snapshot body is written into and handed on from, piece by piece, with the running
/// XxHash64 of everything handed on: the checksum a snapshot ends with, without the body ever being whole in memory.
/// </summary>
internal sealed class SnapshotChunks
{
    /// <summary>How much is gathered before it is handed on: large enough for few, efficient disk writes.</summary>
    public const int Size = 64 * 1024;

    private readonly ArrayBufferWriter<byte> buffer = new(Size + 4096);
    private readonly XxHash64 hash = new();

    public IBufferWriter<byte> Writer => buffer;

    public bool IsFull => buffer.WrittenCount >= Size;

    /// <summary>What was written since the last call, added to the checksum; valid until the buffer is written again.</summary>
    public ReadOnlyMemory<byte> TakeBody()
    {
        var written = buffer.WrittenMemory;
        hash.Append(written.Span);
        buffer.ResetWrittenCount();
        return written;
    }

    /// <summary>The checksum of every body piece taken: the snapshot's last eight bytes.</summary>
    public ReadOnlyMemory<byte> TakeChecksum()
    {
        BinaryPrimitives.WriteUInt64LittleEndian(buffer.GetSpan(sizeof(ulong)), hash.GetCurrentHashAsUInt64());
        buffer.Advance(sizeof(ulong));
        return buffer.WrittenMemory;
    }
}
