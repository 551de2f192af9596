using System.Buffers;
using System.Security.Cryptography;
using Raft3D.StateMachine.Codec;
using Raft3D.StateMachine.Commands;

namespace Raft3D.StateMachine.Idempotency;

/// <summary>
/// What makes two requests the same: the command they became, without its time stamp and key, with every weight
/// written without trailing zeros. Two requests that differ only in JSON spacing, in 12.5 against 12.50, or in a
/// field given as its default, are the same request; a different If-Match is not. The encoder computes it once
/// and the log entry carries it (<see cref="IdempotencyKey.Fingerprint"/>).
/// </summary>
public static class IdempotencyFingerprint
{
    public static RequestFingerprint Of(Command command)
    {
        // Its own buffer: this runs while CommandCodec encodes the entry into the per-thread one.
        var canonical = new ArrayBufferWriter<byte>(256);
        CommandCodec.Write(command with { StampedAt = null, Idempotency = null }, canonical, canonicalDecimals: true);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(canonical.WrittenSpan, hash);

        // 128 bits of SHA-256: no two requests a farm sends will ever collide.
        return RequestFingerprint.ReadLittleEndian(hash);
    }
}
