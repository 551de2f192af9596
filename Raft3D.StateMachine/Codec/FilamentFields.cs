using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Filaments;

namespace Raft3D.StateMachine.Codec;

/// <summary>
/// A spool's fields in their on-disk order, shared by the <see cref="CreateFilament"/> log entry and the
/// snapshot's <see cref="Filament"/> rows so that a new field is written, read and mapped here once. The
/// snapshot follows these with <see cref="Filament.InitialRemainingWeightInGrams"/>, which a create command
/// does not carry: at creation it is the remaining weight. The order is part of both formats: never reorder.
/// </summary>
internal readonly record struct FilamentFields(
    string Id,
    FilamentType Type,
    string Color,
    decimal TotalWeightInGrams,
    decimal RemainingWeightInGrams)
{
    public static FilamentFields Of(CreateFilament command)
        => new(command.Id, command.Type, command.Color, command.TotalWeightInGrams, command.RemainingWeightInGrams);

    public static FilamentFields Of(Filament filament)
        => new(filament.Id, filament.Type, filament.Color, filament.TotalWeightInGrams, filament.RemainingWeightInGrams);

    /// <param name="labels">Shares the colour with other rows (a snapshot); null for a log entry.</param>
    public static FilamentFields Read(ref FieldReader reader, SharedStrings? labels = null)
        => new(reader.ReadString(), reader.ReadEnum<FilamentType>(), reader.ReadLabel(labels), reader.ReadDecimal(), reader.ReadDecimal());

    public void Write(FieldWriter writer)
    {
        writer.WriteString(Id);
        writer.WriteByte((byte)Type);
        writer.WriteString(Color);
        writer.WriteDecimal(TotalWeightInGrams);
        writer.WriteDecimal(RemainingWeightInGrams);
    }

    public CreateFilament ToCommand() => new(Id, Type, Color, TotalWeightInGrams, RemainingWeightInGrams);

    public Filament ToFilament(decimal initialRemainingWeightInGrams)
        => new(Id, Type, Color, TotalWeightInGrams, RemainingWeightInGrams, initialRemainingWeightInGrams);
}
