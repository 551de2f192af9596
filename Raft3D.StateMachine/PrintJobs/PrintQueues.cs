namespace Raft3D.StateMachine.PrintJobs;

/// <summary>
/// Each printer's FIFO of Queued jobs, and the farm's unassigned one. Derived from the jobs (their
/// <see cref="PrintJob.QueuedIndex"/>), rebuilt after a snapshot. A job joins at the log index of the command
/// that queued it, which only grows, so every queue stays sorted by it and a position is a binary search.
/// </summary>
internal sealed class PrintQueues
{
    private const string Unassigned = "";
    private readonly Dictionary<string, List<QueueSlot>> queues = new(StringComparer.Ordinal);

    public int CountOf(string? printerId) => queues.TryGetValue(printerId ?? Unassigned, out var queue) ? queue.Count : 0;

    public string? HeadOf(string printerId) => queues.TryGetValue(printerId, out var queue) && queue.Count > 0 ? queue[0].JobId : null;

    /// <summary>1 for the next job to start; null if the job is in no queue.</summary>
    public int? PositionOf(PrintJob job)
    {
        if (job.Status != PrintJobStatus.Queued || !queues.TryGetValue(job.PrinterId ?? Unassigned, out var queue))
        {
            return null;
        }

        var at = queue.BinarySearch(new QueueSlot(job.QueuedIndex, job.Id));
        return at >= 0 ? at + 1 : null;
    }

    /// <summary>Appends at the tail: the job's <see cref="PrintJob.QueuedIndex"/> is the newest log index.</summary>
    public void Enqueue(PrintJob job)
    {
        var key = job.PrinterId ?? Unassigned;
        if (!queues.TryGetValue(key, out var queue))
        {
            queues[key] = queue = [];
        }

        var slot = new QueueSlot(job.QueuedIndex, job.Id);
        if (queue.Count > 0 && queue[^1].CompareTo(slot) >= 0)
        {
            // Only a snapshot load may arrive out of order; keep the queue sorted whatever the input.
            var at = queue.BinarySearch(slot);
            queue.Insert(at < 0 ? ~at : at, slot);
            return;
        }

        queue.Add(slot);
    }

    public void Remove(PrintJob job)
    {
        var key = job.PrinterId ?? Unassigned;
        if (!queues.TryGetValue(key, out var queue))
        {
            return;
        }

        var at = queue.BinarySearch(new QueueSlot(job.QueuedIndex, job.Id));
        if (at >= 0)
        {
            queue.RemoveAt(at);
        }

        if (queue.Count == 0)
        {
            queues.Remove(key);
        }
    }

    public void Clear() => queues.Clear();

    private readonly record struct QueueSlot(long QueuedIndex, string JobId) : IComparable<QueueSlot>
    {
        public int CompareTo(QueueSlot other)
        {
            var byIndex = QueuedIndex.CompareTo(other.QueuedIndex);
            return byIndex != 0 ? byIndex : string.CompareOrdinal(JobId, other.JobId);
        }
    }
}
