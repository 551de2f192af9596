using System.Buffers.Binary;
using System.Security.Cryptography;
using Raft3D.StateMachine.Codec;
using Raft3D.StateMachine.Commands;

namespace Raft3D.StateMachine.Idempotency;

/// <summary>
/// What makes two requests the same: the command they became, without its time stamp and key. Two requests
/// that differ only in JSON spacing, or in a field given as its default, are the same request; a different
/// If-Match is not. Computed in apply from the entry, so every node agrees without carrying it.
/// </summary>
internal static class IdempotencyFingerprint
{
    public static UInt128 Of(Command command)
    {
        var bytes = CommandCodec.Encode(command with { StampedAt = null, Idempotency = null });
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, hash);

        // 128 bits of SHA-256: no two requests a farm sends will ever collide.
        return BinaryPrimitives.ReadUInt128LittleEndian(hash);
    }
}
