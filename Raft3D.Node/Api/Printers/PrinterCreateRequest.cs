namespace Raft3D.Node.Api.Printers;

/// <summary>A printer to register.</summary>
public sealed class PrinterCreateRequest
{
    /// <summary>Optional. 1–64 letters, digits, '.', '_' or '-'. Generated when absent; give one to make retries safe.</summary>
    public string? Id { get; set; }

    /// <summary>Manufacturer, e.g. "Prusa". Required, at most 100 characters.</summary>
    public string? Company { get; set; }

    /// <summary>Model, e.g. "MK4". Required, at most 100 characters.</summary>
    public string? Model { get; set; }
}
