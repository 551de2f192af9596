namespace Raft3D.Tests.Cli;

/// <summary>A response body that gives its bytes, then stays open and silent, as a live event stream between events does.</summary>
internal sealed class OpenStreamBody(byte[] bytes) : MemoryStream(bytes)
{
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Position < Length)
        {
            return await base.ReadAsync(buffer, cancellationToken);
        }

        await Task.Delay(Timeout.Infinite, cancellationToken);
        return 0;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
}
