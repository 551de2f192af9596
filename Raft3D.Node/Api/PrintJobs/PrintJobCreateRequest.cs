namespace Raft3D.Node.Api.PrintJobs;

/// <summary>A print job to queue.</summary>
public sealed class PrintJobCreateRequest
{
    /// <summary>Optional. 1–64 letters, digits, '.', '_' or '-'. Generated when absent.</summary>
    public string? Id { get; set; }

    /// <summary>An existing printer's id.</summary>
    public string? PrinterId { get; set; }

    /// <summary>An existing spool's id.</summary>
    public string? FilamentId { get; set; }

    /// <summary>The G-code file to print. Required, at most 1024 characters.</summary>
    public string? Filepath { get; set; }

    /// <summary>Grams the print takes: more than 0, and no more than the spool has free (remaining minus queued and running jobs).</summary>
    public decimal? PrintWeightInGrams { get; set; }

    /// <summary>Optional; if given it must be Queued, since every job starts Queued.</summary>
    public string? Status { get; set; }
}
