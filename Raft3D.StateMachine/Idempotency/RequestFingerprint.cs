using System.Buffers.Binary;

namespace Raft3D.StateMachine.Idempotency;

/// <summary>
/// 128 bits that tell one request from another (<see cref="IdempotencyFingerprint"/>), as two 64-bit halves.
/// Not <see cref="UInt128"/>: crossgen2 treats its ABI as unstable and precompiles no method that has it, or a type
/// with such a field, in its own signature or in a callee's; every keyed command carries a fingerprint, so the
/// proposal, the encoder, the apply loop and the snapshot reader ran in the JIT's unoptimised first tier after each
/// start. Low half first, unlike <c>new UInt128(upper, lower)</c>: name the arguments when porting such a call.
/// </summary>
/// <param name="Low">The low 64 bits: the first eight bytes of the little-endian form.</param>
/// <param name="High">The high 64 bits: the last eight.</param>
public readonly record struct RequestFingerprint(ulong Low, ulong High)
{
    /// <summary>Bytes in the log and in snapshots: those of a little-endian UInt128, so what was written before reads the same.</summary>
    public const int Size = 16;

    public static RequestFingerprint ReadLittleEndian(ReadOnlySpan<byte> bytes)
        => new(BinaryPrimitives.ReadUInt64LittleEndian(bytes), BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..Size]));

    public void WriteLittleEndian(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, Low);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..Size], High);
    }

    /// <summary>High half first, as a 128-bit number is written and as the codec's golden tests pin fingerprints.</summary>
    public override string ToString() => $"{High:x16}{Low:x16}";
}
