using System.Buffers;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Idempotency;

namespace Raft3D.StateMachine.Codec;

/// <summary>
/// The binary form of a command in the Raft log: a format version byte, a <see cref="CommandTag"/> byte, then
/// (from version 2) the leader's time stamp and the If-Match version, (from version 3) the Idempotency-Key and
/// its window, then the command's own fields (<see cref="CommandBodies"/>). Entries of versions 1 and 2 are still
/// read: a log on disk outlives the code that wrote it. Unknown versions or tags throw: a node must never guess at a log.
/// </summary>
public static class CommandCodec
{
    public const byte FormatVersion = 3;

    /// <summary>The format that added Idempotency-Keys, the ledger's commands and their fields.</summary>
    public const byte LedgerFormatVersion = 3;

    /// <summary>The second format: times and If-Match, commands up to <see cref="CommandTag.EditPrintJob"/>.</summary>
    public const byte StampedFormatVersion = 2;

    /// <summary>The first format: no time stamp, no If-Match, and only the first five command kinds.</summary>
    public const byte UnstampedFormatVersion = 1;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? scratch;

    /// <summary>Encodes into an exact-size array; the scratch buffer is per thread, so nothing big is allocated per call.</summary>
    public static byte[] Encode(Command command)
    {
        var buffer = scratch ??= new ArrayBufferWriter<byte>(256);
        buffer.ResetWrittenCount();
        Write(command, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(Command command, IBufferWriter<byte> output) => Write(command, output, canonicalDecimals: false);

    internal static void Write(Command command, IBufferWriter<byte> output, bool canonicalDecimals)
    {
        var writer = new FieldWriter(output, canonicalDecimals);
        writer.WriteByte(FormatVersion);
        writer.WriteByte((byte)command.Tag);
        writer.WriteTime(command.StampedAt);
        // Shifted by one so that 0 means "no If-Match" and version 0 (entities from format 1) can still be named.
        writer.WriteVarULong(command.ExpectedVersion is { } expected ? (ulong)expected + 1UL : 0UL);
        writer.WriteOptionalString(command.Idempotency?.Value);
        if (command.Idempotency is { Window: var window } key)
        {
            writer.WriteVarUInt((uint)window.MaxKeys);
            writer.WriteVarULong((ulong)window.MaxAge.TotalMilliseconds);
            writer.WriteFingerprint(key.Fingerprint ?? IdempotencyFingerprint.Of(command));
        }

        CommandBodies.Write(command, writer);
    }

    public static Command Decode(ReadOnlySequence<byte> payload) => Decode(payload, out _);

    /// <param name="payload">An encoded command.</param>
    /// <param name="version">The format it was written in, which says how to apply it (see <see cref="EraOf"/>).</param>
    public static Command Decode(ReadOnlySequence<byte> payload, out byte version)
    {
        var reader = new FieldReader(payload);
        version = reader.ReadByte();
        var tag = (CommandTag)reader.ReadByte();
        Command command;
        switch (version)
        {
            case >= StampedFormatVersion and <= FormatVersion when version >= LedgerFormatVersion || tag <= CommandTag.EditPrintJob:
                var stampedAt = reader.ReadTime();
                var expected = reader.ReadVarULong();
                var key = version >= LedgerFormatVersion ? ReadKey(ref reader) : null;
                command = CommandBodies.Read(tag, ref reader, version) with
                {
                    StampedAt = stampedAt,
                    ExpectedVersion = expected switch
                    {
                        0UL => null,
                        <= long.MaxValue => (long)expected - 1L,
                        _ => throw new InvalidDataException($"An If-Match version field holds {expected}, beyond any log index."),
                    },
                    Idempotency = key,
                };
                break;
            case UnstampedFormatVersion when tag <= CommandTag.Checkpoint:
                command = CommandBodies.Read(tag, ref reader, version);
                break;
            case UnstampedFormatVersion or StampedFormatVersion:
                throw new InvalidDataException($"Command tag {(byte)tag} did not exist in command format version {version}.");
            default:
                throw new InvalidDataException($"Command format version {version} is not supported (this node reads versions {UnstampedFormatVersion} to {FormatVersion}).");
        }

        return reader.End
            ? command
            : throw new InvalidDataException($"{command.Tag} command has trailing bytes after its last field.");
    }

    public static Command Decode(ReadOnlyMemory<byte> payload) => Decode(new ReadOnlySequence<byte>(payload));

    /// <summary>How an entry of format <paramref name="version"/> is applied: what its era could record.</summary>
    public static LogEra EraOf(byte version) => version switch
    {
        UnstampedFormatVersion => LogEra.BeforeVersions,
        StampedFormatVersion => LogEra.BeforeLedger,
        _ => LogEra.Current,
    };

    private static IdempotencyKey? ReadKey(ref FieldReader reader)
    {
        if (reader.ReadOptionalString() is not { } value)
        {
            return null;
        }

        var maxKeys = reader.ReadVarUInt();
        var maxAgeMs = reader.ReadVarULong();
        var fingerprint = reader.ReadFingerprint();
        return maxKeys <= int.MaxValue && maxAgeMs <= (ulong)TimeSpan.MaxValue.TotalMilliseconds
            ? new IdempotencyKey(value, new IdempotencyWindow((int)maxKeys, TimeSpan.FromMilliseconds(maxAgeMs))) { Fingerprint = fingerprint }
            : throw new InvalidDataException($"The idempotency window of key '{value}' ({maxKeys} keys, {maxAgeMs} ms) is out of range.");
    }
}
