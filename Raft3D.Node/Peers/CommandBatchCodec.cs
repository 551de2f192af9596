using System.Buffers;
using System.Text;
using Raft3D.StateMachine.Codec;

namespace Raft3D.Node.Peers;

/// <summary>
/// The binary body of a follower's batch of forwarded commands and of the leader's answer: a version byte, a count,
/// then one frame per command; commands and outcomes inside are length-prefixed in their own codecs' bytes
/// (<see cref="CommandCodec"/>, <see cref="OutcomeCodec"/>), so the batch adds no second encoding of a command.
/// Both ends run the same build of the node, so an unknown version is refused, never guessed at.
/// </summary>
public static class CommandBatchCodec
{
    public const string ContentType = "application/vnd.raft3d.command-batch";
    private const byte Version = 1;
    private const byte AppliedFrame = 0;
    private const byte ProblemFrame = 1;

    public static byte[] EncodeRequest(IReadOnlyList<ForwardedCommand> commands)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Version);
            writer.Write7BitEncodedInt(commands.Count);
            foreach (var command in commands)
            {
                writer.Write(command.Authorization);
                writer.Write7BitEncodedInt(command.Policies.Count);
                foreach (var policy in command.Policies)
                {
                    writer.Write(policy);
                }

                writer.Write(command.Method);
                writer.Write(command.Path);
                WriteFrame(writer, command.Command);
            }
        }

        return stream.ToArray();
    }

    /// <exception cref="InvalidDataException">The body is not a batch this node can read.</exception>
    public static IReadOnlyList<ForwardedCommand> DecodeRequest(byte[] body)
        => Read(body, reader =>
        {
            var commands = new ForwardedCommand[ReadCount(reader)];
            for (var i = 0; i < commands.Length; i++)
            {
                var authorization = reader.ReadString();
                var policies = new string[ReadCount(reader)];
                for (var p = 0; p < policies.Length; p++)
                {
                    policies[p] = reader.ReadString();
                }

                var method = reader.ReadString();
                var path = reader.ReadString();
                commands[i] = new ForwardedCommand(ReadFrame(reader), authorization, policies, method, path);
            }

            return commands;
        });

    public static byte[] EncodeAnswer(CommandBatchAnswer answer)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Version);
            writer.Write(answer.Leading);
            writer.Write(answer.LeaderId);
            writer.Write7BitEncodedInt64(answer.Term);
            writer.Write7BitEncodedInt(answer.Outcomes.Count);
            var scratch = new ArrayBufferWriter<byte>(512);
            foreach (var outcome in answer.Outcomes)
            {
                if (outcome.Outcome is { } applied)
                {
                    writer.Write(AppliedFrame);
                    writer.Write7BitEncodedInt64(outcome.Index);
                    scratch.ResetWrittenCount();
                    OutcomeCodec.Write(applied, scratch);
                    WriteFrame(writer, scratch.WrittenSpan);
                }
                else
                {
                    writer.Write(ProblemFrame);
                    writer.Write(outcome.ProblemCode!);
                    writer.Write(outcome.ProblemDetail!);
                }
            }
        }

        return stream.ToArray();
    }

    /// <exception cref="InvalidDataException">The body is not an answer this node can read.</exception>
    public static CommandBatchAnswer DecodeAnswer(byte[] body)
        => Read(body, reader =>
        {
            var leading = reader.ReadBoolean();
            var leaderId = reader.ReadString();
            var term = reader.Read7BitEncodedInt64();
            var outcomes = new ForwardedOutcome[ReadCount(reader)];
            for (var i = 0; i < outcomes.Length; i++)
            {
                outcomes[i] = reader.ReadByte() switch
                {
                    AppliedFrame => ReadApplied(reader),
                    ProblemFrame => ForwardedOutcome.Problem(reader.ReadString(), reader.ReadString()),
                    var other => throw new InvalidDataException($"A command batch answer holds frame kind {other}, which does not exist."),
                };
            }

            return new CommandBatchAnswer(leading, leaderId, term, outcomes);
        });

    private static ForwardedOutcome ReadApplied(BinaryReader reader)
    {
        var index = reader.Read7BitEncodedInt64();
        return ForwardedOutcome.Applied(OutcomeCodec.Read(new ReadOnlySequence<byte>(ReadFrame(reader))), index);
    }

    private static T Read<T>(byte[] body, Func<BinaryReader, T> read)
    {
        using var reader = new BinaryReader(new MemoryStream(body, writable: false), Encoding.UTF8);
        try
        {
            var version = reader.ReadByte();
            if (version != Version)
            {
                throw new InvalidDataException($"Command batch format {version} is not supported (this node reads {Version}).");
            }

            var value = read(reader);
            return reader.BaseStream.Position == body.Length
                ? value
                : throw new InvalidDataException("A command batch has trailing bytes after its last frame.");
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException)
        {
            throw new InvalidDataException($"A command batch is truncated or malformed: {e.Message}", e);
        }
    }

    /// <summary>A count from the wire, bounded by what is left of the body so a forged count cannot allocate gigabytes.</summary>
    private static int ReadCount(BinaryReader reader)
    {
        var count = reader.Read7BitEncodedInt();
        return count >= 0 && count <= reader.BaseStream.Length - reader.BaseStream.Position
            ? count
            : throw new InvalidDataException($"A command batch announces {count} items in {reader.BaseStream.Length - reader.BaseStream.Position} bytes.");
    }

    private static void WriteFrame(BinaryWriter writer, ReadOnlySpan<byte> frame)
    {
        writer.Write7BitEncodedInt(frame.Length);
        writer.Write(frame);
    }

    private static byte[] ReadFrame(BinaryReader reader)
    {
        var length = ReadCount(reader);
        return reader.ReadBytes(length) is { } frame && frame.Length == length
            ? frame
            : throw new InvalidDataException($"A command batch frame of {length} bytes is cut short.");
    }
}
