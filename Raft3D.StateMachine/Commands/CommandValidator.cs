using System.Globalization;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.Outcomes;
using Raft3D.StateMachine.PrintJobs;

namespace Raft3D.StateMachine.Commands;

/// <summary>
/// The rules a command must keep whatever the state: lengths, characters, weight ranges.
/// The state machine applies them to every entry; the node also runs them before proposing a command,
/// so a bad request is refused without costing a log entry. One place, used twice.
/// </summary>
public static class CommandValidator
{
    /// <summary>The largest version If-Match may name: the log stores it plus one, which must stay a log index.</summary>
    public const long MaxVersion = long.MaxValue - 1;

    public static DomainError? Validate(Command command)
        => command.ExpectedVersion is < 0 or > MaxVersion
            ? Invalid(string.Create(CultureInfo.InvariantCulture, $"If-Match must name a version from 0 to {MaxVersion}; got {command.ExpectedVersion}."))
            : Key(command) ?? ValidateFields(command);

    private static DomainError? Key(Command command)
    {
        if (command.Idempotency is not { } key)
        {
            return null;
        }

        // A checkpoint is the node's own marker, not a client's request, and its outcome (the farm itself) is
        // nothing a snapshot can keep: a keyed one in the log would fail every node's next snapshot.
        if (command is Checkpoint)
        {
            return Invalid("A checkpoint is the node's own marker, not a request: it carries no Idempotency-Key.");
        }

        if (!IdempotencyKey.IsValid(key.Value))
        {
            return Invalid($"Idempotency-Key must be 1 to {IdempotencyKey.MaxLength} printable ASCII characters.");
        }

        return key.Window.MaxKeys is >= 1 and <= IdempotencyWindow.MaxMaxKeys && key.Window.MaxAge > TimeSpan.Zero
            ? null
            : Invalid(string.Create(CultureInfo.InvariantCulture, $"The idempotency window must keep 1 to {IdempotencyWindow.MaxMaxKeys} keys for a positive time; got {key.Window.MaxKeys} keys for {key.Window.MaxAge}."));
    }

    private static DomainError? ValidateFields(Command command) => command switch
    {
        CreatePrinter c => FirstError(
            Id("id", c.Id),
            Text("company", c.Company, FieldLimits.MaxNameLength),
            Text("model", c.Model, FieldLimits.MaxNameLength)),
        CreateFilament c => FirstError(
            Id("id", c.Id),
            Enum.IsDefined(c.Type) ? null : Invalid($"type must be one of {FilamentTypeNames.AllowedList}."),
            Text("color", c.Color, FieldLimits.MaxNameLength),
            Weight("total_weight_in_grams", c.TotalWeightInGrams, allowZero: false),
            Weight("remaining_weight_in_grams", c.RemainingWeightInGrams, allowZero: true),
            c.RemainingWeightInGrams <= c.TotalWeightInGrams
                ? null
                : Invalid(string.Create(CultureInfo.InvariantCulture, $"remaining_weight_in_grams ({c.RemainingWeightInGrams}) cannot exceed total_weight_in_grams ({Grams.Format(c.TotalWeightInGrams)}).")),
            OptionalWeight("spool_weight_in_grams", c.SpoolWeightInGrams),
            OptionalWeight("low_stock_threshold_in_grams", c.LowStockThresholdInGrams)),
        CreatePrintJob c => FirstError(
            Id("id", c.Id),
            c.PrinterId is null ? null : Id("printer_id", c.PrinterId),
            Id("filament_id", c.FilamentId),
            Text("filepath", c.Filepath, FieldLimits.MaxFilepathLength),
            Weight("print_weight_in_grams", c.PrintWeightInGrams, allowZero: false),
            c.RequestedStatus == PrintJobStatus.Queued
                ? null
                : Invalid($"A new print job always starts Queued; status '{c.RequestedStatus}' cannot be given at creation.")),
        ChangePrintJobStatus c => FirstError(
            Id("id", c.JobId),
            Enum.IsDefined(c.Status) ? null : Invalid($"status must be one of {PrintJobStatusNames.AllowedList}."),
            c.ActualWeightInGrams is null || c.Status == PrintJobStatus.Done
                ? OptionalWeight("actual_weight_in_grams", c.ActualWeightInGrams)
                : Invalid($"actual_weight_in_grams is reported with Done only, not with {c.Status}.")),
        EditPrinter c => FirstError(
            Id("id", c.PrinterId),
            c.Company is null ? null : Text("company", c.Company, FieldLimits.MaxNameLength),
            c.Model is null ? null : Text("model", c.Model, FieldLimits.MaxNameLength)),
        SetPrinterMaintenance c => Id("id", c.PrinterId),
        DeletePrinter c => Id("id", c.PrinterId),
        DispatchPrinter c => Id("id", c.PrinterId),
        EditFilament c => FirstError(
            Id("id", c.FilamentId),
            c.Type is null || Enum.IsDefined(c.Type.Value) ? null : Invalid($"type must be one of {FilamentTypeNames.AllowedList}."),
            c.Color is null ? null : Text("color", c.Color, FieldLimits.MaxNameLength),
            OptionalWeight("spool_weight_in_grams", c.SpoolWeightInGrams.Value),
            OptionalWeight("low_stock_threshold_in_grams", c.LowStockThresholdInGrams.Value)),
        AdjustFilament c => FirstError(
            Id("id", c.FilamentId),
            Correction(c.Grams),
            Reason(c.Reason)),
        MeasureFilament c => FirstError(
            Id("id", c.FilamentId),
            Weight("gross_weight_in_grams", c.GrossWeightInGrams, allowZero: true),
            OptionalWeight("spool_weight_in_grams", c.SpoolWeightInGrams),
            Reason(c.Reason)),
        ArchiveFilament c => Id("id", c.FilamentId),
        AssignPrintJob c => FirstError(Id("id", c.JobId), Id("printer_id", c.PrinterId)),
        ReportPrintJobProgress c => FirstError(
            Id("id", c.JobId),
            c.Percent is >= 0 and <= 100 ? null : Invalid(string.Create(CultureInfo.InvariantCulture, $"percent must be a whole number from 0 to 100; got {c.Percent}."))),
        EditPrintJob c => FirstError(
            Id("id", c.JobId),
            c.Filepath is null ? null : Text("filepath", c.Filepath, FieldLimits.MaxFilepathLength),
            c.PrintWeightInGrams is null ? null : Weight("print_weight_in_grams", c.PrintWeightInGrams.Value, allowZero: false)),
        Checkpoint => null,
        _ => Invalid($"Unknown command {command.GetType().Name}."),
    };

    /// <summary>Ids appear in URLs and logs, so they are plain: letters, digits, '.', '_', '-'.</summary>
    public static bool IsValidId(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > FieldLimits.MaxIdLength || !char.IsAsciiLetterOrDigit(id[0]))
        {
            return false;
        }

        foreach (var ch in id)
        {
            if (!char.IsAsciiLetterOrDigit(ch) && ch is not ('.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static DomainError? FirstError(params DomainError?[] errors)
        => Array.Find(errors, static e => e is not null);

    private static DomainError Invalid(string detail) => new(ErrorCodes.ValidationFailed, detail);

    private static DomainError? Id(string field, string id) => IsValidId(id)
        ? null
        : Invalid($"{field} must be 1 to {FieldLimits.MaxIdLength} characters of letters, digits, '.', '_' or '-', starting with a letter or digit.");

    /// <summary>A signed amount: not zero, and within a weight's bounds either way.</summary>
    private static DomainError? Correction(decimal grams)
    {
        if (grams == 0m)
        {
            return Invalid("grams must not be 0: an adjustment changes the remaining weight (negative takes, positive adds).");
        }

        return grams < -FieldLimits.MaxWeightInGrams || grams > FieldLimits.MaxWeightInGrams
            ? Invalid(string.Create(CultureInfo.InvariantCulture, $"grams must be from -{FieldLimits.MaxWeightInGrams} to {FieldLimits.MaxWeightInGrams}; got {grams}."))
            : Weight("grams", Math.Abs(grams), allowZero: false);
    }

    private static DomainError? OptionalWeight(string field, decimal? grams)
        => grams is { } value ? Weight(field, value, allowZero: true) : null;

    private static DomainError? Reason(string? reason)
        => reason is null ? null : Text("reason", reason, FieldLimits.MaxReasonLength);

    private static DomainError? Text(string field, string value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Invalid($"{field} must not be empty.");
        }

        if (value.Length != value.AsSpan().Trim().Length)
        {
            return Invalid($"{field} must not start or end with spaces.");
        }

        return value.Length > maxLength ? Invalid($"{field} must be at most {maxLength} characters.") : null;
    }

    private static DomainError? Weight(string field, decimal grams, bool allowZero)
    {
        if (grams < 0m || (!allowZero && grams == 0m))
        {
            return Invalid(string.Create(CultureInfo.InvariantCulture, $"{field} must be {(allowZero ? "zero or more" : "more than zero")} grams; got {grams}."));
        }

        if (grams > FieldLimits.MaxWeightInGrams)
        {
            return Invalid(string.Create(CultureInfo.InvariantCulture, $"{field} must be at most {FieldLimits.MaxWeightInGrams} grams; got {grams}."));
        }

        return grams.Scale > FieldLimits.MaxWeightDecimals && decimal.Round(grams, FieldLimits.MaxWeightDecimals) != grams
            ? Invalid(string.Create(CultureInfo.InvariantCulture, $"{field} may have at most {FieldLimits.MaxWeightDecimals} decimal places; got {grams}."))
            : null;
    }
}
