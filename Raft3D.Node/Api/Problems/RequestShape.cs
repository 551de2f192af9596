namespace Raft3D.Node.Api.Problems;

/// <summary>
/// Collects shape errors in a request body (missing or blank fields) so one response lists them all.
/// Only shape: the domain rules (ranges, references, transitions) belong to the state machine.
/// </summary>
public sealed class RequestShape
{
    private readonly List<string> problems = [];

    public IReadOnlyList<string> Problems => problems;

    public bool IsValid => problems.Count == 0;

    /// <summary>Returns the trimmed text, or records that the field is missing.</summary>
    public string Required(string field, string? value)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            problems.Add($"{field} is required.");
            return string.Empty;
        }

        return trimmed;
    }

    public decimal Required(string field, decimal? value)
    {
        if (value is null)
        {
            problems.Add($"{field} is required (a number of grams).");
            return 0m;
        }

        return value.Value;
    }

    /// <summary>An optional id: trimmed if given, generated if absent.</summary>
    public string IdOrNew(string field, string? value)
    {
        if (value is null)
        {
            return Guid.CreateVersion7().ToString("N");
        }

        return Required(field, value);
    }

    public void Add(string problem) => problems.Add(problem);
}
