namespace Raft3D.Node.Api.PrintJobs;

/// <summary>The status a job should move to: Running, Done or Canceled (Cancelled accepted), any case.</summary>
public sealed class PrintJobStatusRequest
{
    public string? Status { get; set; }

    /// <summary>With Done only: what the print really used (slicer or scale), consumed instead of print_weight_in_grams.</summary>
    public decimal? ActualWeightInGrams { get; set; }
}
