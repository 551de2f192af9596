using System.Text;
using Raft3D.StateMachine;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.Snapshots;

namespace Raft3D.Tests.Domain;

/// <summary>
/// A snapshot with a valid checksum that no log could have produced is refused with InvalidDataException (the
/// node then says why in one line), and the state it would have replaced is left as it was.
/// </summary>
[TestFixture]
[Category("Fast")]
public sealed class SnapshotIntegrityTests
{
    [Test]
    public void A_snapshot_holding_one_id_twice_is_refused_and_changes_nothing()
    {
        var source = new FarmState();
        source.Apply(new CreatePrinter("pa", "Prusa", "MK4"));
        source.Apply(new CreatePrinter("pb", "Prusa", "MK4"));
        var bytes = FarmSnapshotCodec.Serialize(source);

        // Same length ids, so only the checksum needs fixing: the snapshot is well formed but holds "pa" twice.
        var forged = Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(bytes).Replace("pb", "pa", StringComparison.Ordinal));
        Rechecksum(forged);

        var target = new FarmState();
        target.Apply(new CreateFilament("f1", FilamentType.PLA, "Red", 100m, 100m));
        var before = FarmSnapshotCodec.Digest(target);
        var error = Assert.Throws<InvalidDataException>(() => FarmSnapshotCodec.Read(forged, target, 2));
        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("'pa' twice"));
            Assert.That(FarmSnapshotCodec.Digest(target), Is.EqualTo(before));
        });
    }

    private static void Rechecksum(byte[] snapshot)
    {
        var hash = System.IO.Hashing.XxHash64.HashToUInt64(snapshot.AsSpan(0, snapshot.Length - 8));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(snapshot.AsSpan(snapshot.Length - 8), hash);
    }
}
