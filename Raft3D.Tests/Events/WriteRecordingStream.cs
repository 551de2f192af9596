using System.Text;

namespace Raft3D.Tests.Events;

/// <summary>A response body that keeps each write apart, so a test sees what left the node together.</summary>
internal sealed class WriteRecordingStream : Stream
{
    private readonly List<string> writes = [];

    /// <summary>Writes after this many wait for <see cref="Release"/>: a client whose socket is full.</summary>
    private readonly int writesBeforeStall;
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public WriteRecordingStream(int writesBeforeStall = int.MaxValue) => this.writesBeforeStall = writesBeforeStall;

    public IReadOnlyList<string> Writes => writes;

    /// <summary>Completes once a write is waiting for <see cref="Release"/>.</summary>
    public TaskCompletionSource Stalled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => released.TrySetResult();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (writes.Count >= writesBeforeStall)
        {
            Stalled.TrySetResult();
            await released.Task.WaitAsync(cancellationToken);
        }

        writes.Add(Encoding.UTF8.GetString(buffer.Span));
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => writes.Add(Encoding.UTF8.GetString(buffer, offset, count));

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
