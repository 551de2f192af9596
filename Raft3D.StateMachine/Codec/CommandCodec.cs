using System.Buffers;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.PrintJobs;

namespace Raft3D.StateMachine.Codec;

/// <summary>
/// The binary form of a command in the Raft log: a format version byte, a <see cref="CommandTag"/> byte, then
/// the command's fields in a fixed order. Unknown versions or tags throw: a node must never guess at a log.
/// </summary>
public static class CommandCodec
{
    public const byte FormatVersion = 1;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? scratch;

    /// <summary>Encodes into an exact-size array; the scratch buffer is per thread, so nothing big is allocated per call.</summary>
    public static byte[] Encode(Command command)
    {
        var buffer = scratch ??= new ArrayBufferWriter<byte>(256);
        buffer.ResetWrittenCount();
        Write(command, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(Command command, IBufferWriter<byte> output)
    {
        var writer = new FieldWriter(output);
        writer.WriteByte(FormatVersion);
        writer.WriteByte((byte)command.Tag);
        switch (command)
        {
            case CreatePrinter c:
                PrinterFields.Of(c).Write(writer);
                break;
            case CreateFilament c:
                FilamentFields.Of(c).Write(writer);
                break;
            case CreatePrintJob c:
                PrintJobFields.Of(c).Write(writer);
                break;
            case ChangePrintJobStatus c:
                writer.WriteString(c.JobId);
                writer.WriteByte((byte)c.Status);
                break;
            case Checkpoint c:
                writer.WriteByte(c.TakeSnapshot ? (byte)1 : (byte)0);
                break;
            default:
                throw new ArgumentException($"Cannot encode {command.GetType().Name}.", nameof(command));
        }
    }

    public static Command Decode(ReadOnlySequence<byte> payload)
    {
        var reader = new FieldReader(payload);
        var version = reader.ReadByte();
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"Command format version {version} is not supported (this node reads version {FormatVersion}).");
        }

        var tag = reader.ReadByte();
        Command command = (CommandTag)tag switch
        {
            CommandTag.CreatePrinter => PrinterFields.Read(ref reader).ToCommand(),
            CommandTag.CreateFilament => FilamentFields.Read(ref reader).ToCommand(),
            CommandTag.CreatePrintJob => PrintJobFields.Read(ref reader).ToCommand(),
            CommandTag.ChangePrintJobStatus => new ChangePrintJobStatus(reader.ReadString(), reader.ReadEnum<PrintJobStatus>()),
            CommandTag.Checkpoint => new Checkpoint(reader.ReadByte() switch
            {
                0 => false,
                1 => true,
                var other => throw new InvalidDataException($"Checkpoint flag {other} is neither 0 nor 1."),
            }),
            _ => throw new InvalidDataException($"Command tag {tag} is unknown to this node."),
        };

        return reader.End
            ? command
            : throw new InvalidDataException($"{command.Tag} command has trailing bytes after its last field.");
    }

    public static Command Decode(ReadOnlyMemory<byte> payload) => Decode(new ReadOnlySequence<byte>(payload));
}
