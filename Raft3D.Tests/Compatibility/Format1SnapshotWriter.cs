using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using Raft3D.StateMachine;
using Raft3D.StateMachine.Codec;

namespace Raft3D.Tests.Compatibility;

/// <summary>
/// Writes a farm as the previous release (commit 6f9ce2d) wrote its snapshots: format 1, the create fields of
/// each entity, a spool's initial weight, and nothing else. Today's node writes format 3 only; this is for tests
/// that need a format 1 snapshot of a history the fixture does not hold. It is checked byte for byte against the
/// fixture's own snapshot file (<see cref="Format1SnapshotTests"/>).
/// </summary>
internal static class Format1SnapshotWriter
{
    public static byte[] Write(FarmState farm)
    {
        var body = new ArrayBufferWriter<byte>();
        var writer = new FieldWriter(body);
        foreach (var b in "R3DS"u8)
        {
            writer.WriteByte(b);
        }

        writer.WriteByte(1);
        writer.WriteVarUInt((uint)farm.ListPrinters().Count);
        foreach (var printer in farm.ListPrinters())
        {
            PrinterFields.Of(printer).Write(writer);
        }

        writer.WriteVarUInt((uint)farm.ListFilaments().Count);
        foreach (var filament in farm.ListFilaments())
        {
            FilamentFields.Of(filament).Write(writer);
            writer.WriteDecimal(filament.InitialRemainingWeightInGrams);
        }

        writer.WriteVarUInt((uint)farm.ListPrintJobs().Count);
        foreach (var job in farm.ListPrintJobs())
        {
            PrintJobFields.Of(job).Write(writer);
        }

        var snapshot = new byte[body.WrittenCount + sizeof(ulong)];
        body.WrittenSpan.CopyTo(snapshot);
        BinaryPrimitives.WriteUInt64LittleEndian(snapshot.AsSpan(body.WrittenCount), XxHash64.HashToUInt64(body.WrittenSpan));
        return snapshot;
    }
}
