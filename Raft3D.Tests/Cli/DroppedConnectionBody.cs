namespace Raft3D.Tests.Cli;

/// <summary>A response body that gives its bytes, then fails as a connection reset in mid-body does.</summary>
internal sealed class DroppedConnectionBody(byte[] bytes) : MemoryStream(bytes)
{
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        => Position < Length ? base.ReadAsync(buffer, cancellationToken) : throw new IOException("The connection was reset.");

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => Position < Length ? base.ReadAsync(buffer, offset, count, cancellationToken) : throw new IOException("The connection was reset.");
}
