using System.Buffers.Binary;
using System.IO.Hashing;

namespace Raft3D.StateMachine.Snapshots;

/// <summary>
/// A backup file: magic "R3DB", a format version, the log index the state reflects, the snapshot (itself
/// checksummed), and an XxHash64 of everything before it. Reading checks all of it, so a damaged or truncated
/// backup is refused whole, never half restored.
/// </summary>
public static class FarmBackupCodec
{
    public const byte FormatVersion = 1;
    private const int HeaderLength = 4 + 1 + sizeof(long) + sizeof(int);
    private const int ChecksumLength = sizeof(ulong);
    private static ReadOnlySpan<byte> Magic => "R3DB"u8;

    public static byte[] Write(long index, ReadOnlySpan<byte> snapshot)
    {
        var bytes = new byte[HeaderLength + snapshot.Length + ChecksumLength];
        Magic.CopyTo(bytes);
        bytes[4] = FormatVersion;
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(5), index);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(13), snapshot.Length);
        snapshot.CopyTo(bytes.AsSpan(HeaderLength));
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(bytes.Length - ChecksumLength), XxHash64.HashToUInt64(bytes.AsSpan(0, bytes.Length - ChecksumLength)));
        return bytes;
    }

    /// <summary>Checks a backup and returns the index it was taken at and its snapshot bytes.</summary>
    public static (long Index, byte[] Snapshot) Read(ReadOnlySpan<byte> backup)
    {
        if (backup.Length < HeaderLength + ChecksumLength || !backup.StartsWith(Magic))
        {
            throw new InvalidDataException("it is not a Raft3D backup (bad magic or too short).");
        }

        if (backup[4] != FormatVersion)
        {
            throw new InvalidDataException($"backup format version {backup[4]} is not supported (this node reads version {FormatVersion}).");
        }

        var body = backup[..^ChecksumLength];
        if (XxHash64.HashToUInt64(body) != BinaryPrimitives.ReadUInt64LittleEndian(backup[^ChecksumLength..]))
        {
            throw new InvalidDataException("its checksum does not match its contents; the file is damaged or truncated.");
        }

        var index = BinaryPrimitives.ReadInt64LittleEndian(backup[5..]);
        var length = BinaryPrimitives.ReadInt32LittleEndian(backup[13..]);
        if (index < 0 || length != body.Length - HeaderLength)
        {
            throw new InvalidDataException("its header does not match its length.");
        }

        var snapshot = body[HeaderLength..].ToArray();
        FarmSnapshotCodec.Read(snapshot, new FarmState());
        return (index, snapshot);
    }
}
