using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using Raft3D.StateMachine.Codec;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.Idempotency;
using Raft3D.StateMachine.Printers;
using Raft3D.StateMachine.PrintJobs;

namespace Raft3D.StateMachine.Snapshots;

/// <summary>
/// The binary snapshot of a farm: magic "R3DS", a format version, (from format 2) the farm's clock, the entities
/// in creation order (<see cref="SnapshotRows"/>), (from format 3) the spools' ledgers (<see cref="LedgerRows"/>)
/// and the kept Idempotency-Keys (<see cref="IdempotencyRows"/>), and an XxHash64 of everything before it.
/// Derived indexes (reservations, busy printers, queues) are not stored; they are rebuilt on load, so they can
/// never disagree with the jobs. Format 1 and 2 snapshots are still read.
/// </summary>
public static class FarmSnapshotCodec
{
    public const byte FormatVersion = 3;

    /// <summary>The first format that carries the ledgers and the kept Idempotency-Keys.</summary>
    private const byte LedgerFormatVersion = 3;
    private const byte FirstFormatVersion = 1;
    private const int ChecksumLength = sizeof(ulong);
    private static ReadOnlySpan<byte> Magic => "R3DS"u8;

    /// <summary>The whole snapshot, checksum included, into <paramref name="output"/>.</summary>
    public static void Write(FarmState state, IBufferWriter<byte> output)
    {
        foreach (var chunk in Chunks(state))
        {
            output.Write(chunk.Span);
        }
    }

    public static byte[] Serialize(FarmState state)
    {
        var output = new ArrayBufferWriter<byte>(4096);
        Write(state, output);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The snapshot in pieces of about <see cref="SnapshotChunks.Size"/> bytes, the last ending with the checksum:
    /// a snapshot of a large farm is never one array (which would sit in the large object heap and double the
    /// node's memory while it is written). Each piece is valid until the next is asked for.
    /// </summary>
    public static IEnumerable<ReadOnlyMemory<byte>> Chunks(FarmState state)
    {
        var chunks = new SnapshotChunks();
        foreach (var _ in WriteBody(state, chunks.Writer))
        {
            if (chunks.IsFull)
            {
                yield return chunks.TakeBody();
            }
        }

        yield return chunks.TakeBody();
        yield return chunks.TakeChecksum();
    }

    /// <summary>The body, row by row: yields after each row so the caller can pass on what is written so far.</summary>
    private static IEnumerable<int> WriteBody(FarmState state, IBufferWriter<byte> body)
    {
        var writer = new FieldWriter(body);
        foreach (var b in Magic)
        {
            writer.WriteByte(b);
        }

        writer.WriteByte(FormatVersion);
        writer.WriteTime(state.Clock);
        writer.WriteVarUInt((uint)state.Printers.Count);
        foreach (var p in state.Printers.Rows)
        {
            SnapshotRows.Write(p, writer);
            yield return 0;
        }

        writer.WriteVarUInt((uint)state.Filaments.Count);
        foreach (var f in state.Filaments.Rows)
        {
            SnapshotRows.Write(f, writer);
            yield return 0;
        }

        writer.WriteVarUInt((uint)state.PrintJobs.Count);
        foreach (var j in state.PrintJobs.Rows)
        {
            SnapshotRows.Write(j, writer);
            yield return 0;
        }

        foreach (var filament in state.Filaments.Rows)
        {
            LedgerRows.Write(state.Ledgers.Of(filament.Id), writer);
            yield return 0;
        }

        writer.WriteVarUInt((uint)state.IdempotencyKeys.Count);
        foreach (var record in state.IdempotencyKeys.Records)
        {
            IdempotencyRows.Write(record, writer);
            yield return 0;
        }
    }

    /// <summary>Reads a snapshot into <paramref name="state"/>, replacing it; on any damage throws and leaves it untouched.</summary>
    /// <param name="snapshotIndex">
    /// The log index the snapshot was taken at: the state's last index (the snapshot does not repeat it).
    /// </param>
    public static void Read(ReadOnlyMemory<byte> snapshotBytes, FarmState state, long snapshotIndex = 0)
    {
        var snapshot = snapshotBytes.Span;
        if (snapshot.Length < Magic.Length + 1 + ChecksumLength || !snapshot.StartsWith(Magic))
        {
            throw new InvalidDataException("The file is not a Raft3D snapshot (bad magic or too short).");
        }

        var body = snapshot[..^ChecksumLength];
        var expected = BinaryPrimitives.ReadUInt64LittleEndian(snapshot[^ChecksumLength..]);
        if (XxHash64.HashToUInt64(body) != expected)
        {
            throw new InvalidDataException("The snapshot's checksum does not match its contents; the file is damaged.");
        }

        var version = body[Magic.Length];
        if (version is < FirstFormatVersion or > FormatVersion)
        {
            throw new InvalidDataException($"Snapshot format version {version} is not supported (this node reads versions {FirstFormatVersion} to {FormatVersion}).");
        }

        var reader = new FieldReader(new ReadOnlySequence<byte>(snapshotBytes[(Magic.Length + 1)..^ChecksumLength]));
        var lastIndex = snapshotIndex;
        var clock = version == FirstFormatVersion ? null : reader.ReadTime();
        var labels = new SharedStrings();
        var filePaths = SharedStrings.ForFilePaths();
        var printers = new List<Printer>();
        for (var n = reader.ReadVarUInt(); n > 0; n--)
        {
            printers.Add(SnapshotRows.ReadPrinter(ref reader, version, labels));
        }

        var filaments = new List<Filament>();
        for (var n = reader.ReadVarUInt(); n > 0; n--)
        {
            filaments.Add(SnapshotRows.ReadFilament(ref reader, version, labels));
        }

        var jobs = new List<PrintJob>();
        for (var n = reader.ReadVarUInt(); n > 0; n--)
        {
            jobs.Add(SnapshotRows.ReadPrintJob(ref reader, version, jobs.Count, filePaths));
        }

        var ledger = version < LedgerFormatVersion ? LedgerRows.FromHistory(filaments, jobs) : LedgerRows.Read(ref reader, filaments);
        var keys = new List<IdempotencyRecord>();
        for (var n = version < LedgerFormatVersion ? 0 : reader.ReadVarUInt(); n > 0; n--)
        {
            keys.Add(IdempotencyRows.Read(ref reader, version));
        }

        if (!reader.End)
        {
            throw new InvalidDataException("The snapshot has bytes after its last record.");
        }

        if (version == FirstFormatVersion)
        {
            printers = SnapshotRows.WithTotalsOfDoneJobs(printers, jobs);
        }

        SnapshotIntegrity.Check(printers, filaments, jobs, ledger, keys);
        state.Load(lastIndex, clock, printers, filaments, jobs, ledger, keys, labels, filePaths);
    }

    /// <summary>A short fingerprint of the whole state, equal on two nodes exactly when their states are equal.</summary>
    public static string Digest(FarmState state)
    {
        var hash = new XxHash64();
        foreach (var chunk in Chunks(state))
        {
            hash.Append(chunk.Span);
        }

        return hash.GetCurrentHashAsUInt64().ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }
}
