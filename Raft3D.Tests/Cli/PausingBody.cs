namespace Raft3D.Tests.Cli;

/// <summary>A live stream's body that gives its first bytes, pauses, gives the rest, then stays open and silent.</summary>
internal sealed class PausingBody(byte[] first, TimeSpan pause, byte[] rest) : MemoryStream(first)
{
    private readonly OpenStreamBody after = new(rest);
    private bool paused;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Position < Length)
        {
            return await base.ReadAsync(buffer, cancellationToken);
        }

        if (!paused)
        {
            await Task.Delay(pause, cancellationToken);
            paused = true;
        }

        return await after.ReadAsync(buffer, cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            after.Dispose();
        }

        base.Dispose(disposing);
    }
}
