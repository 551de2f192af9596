using System.Buffers;
using System.Text;
using Raft3D.StateMachine.Idempotency;

namespace Raft3D.StateMachine.Codec;

/// <summary>
/// Reads what <see cref="FieldWriter"/> wrote. Every malformed input ends in <see cref="InvalidDataException"/>:
/// a log entry or snapshot that cannot be read must stop the node, never be half applied.
/// </summary>
internal ref struct FieldReader(ReadOnlySequence<byte> input)
{
    /// <summary>Longest string any field may hold in bytes; guards allocation against a corrupt length.</summary>
    private const int MaxStringBytes = 64 * 1024;

    private SequenceReader<byte> reader = new(input);

    public readonly bool End => reader.End;

    public byte ReadByte() => reader.TryRead(out var value) ? value : throw Truncated();

    /// <summary>A count: the same bytes as <see cref="ReadVarULong"/>, refused if it does not fit.</summary>
    public uint ReadVarUInt()
    {
        var value = ReadVarULong();
        return value <= uint.MaxValue ? (uint)value : throw new InvalidDataException($"A count of {value} is out of range.");
    }

    public ulong ReadVarULong()
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new InvalidDataException("A variable-length integer is longer than ten bytes.");
    }

    /// <summary>A non-negative 64-bit count or index; a larger value is corruption, not a number.</summary>
    public long ReadVarLong()
    {
        var value = ReadVarULong();
        return value <= long.MaxValue ? (long)value : throw new InvalidDataException($"{value} is out of range for an index.");
    }

    public DateTimeOffset? ReadTime()
    {
        if (!reader.TryReadLittleEndian(out long milliseconds))
        {
            throw Truncated();
        }

        if (milliseconds == 0L)
        {
            return null;
        }

        try
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new InvalidDataException($"A time field holds {milliseconds} ms, outside the calendar.", e);
        }
    }

    /// <summary>What <see cref="FieldWriter.WriteOptionalId"/> wrote: the empty string is no id.</summary>
    public string? ReadOptionalId() => ReadString() is { Length: > 0 } id ? id : null;

    public bool ReadBool() => ReadByte() switch
    {
        0 => false,
        1 => true,
        var other => throw new InvalidDataException($"A flag holds {other}, neither 0 nor 1."),
    };

    public string? ReadOptionalString() => ReadBool() ? ReadString() : null;

    public decimal? ReadOptionalDecimal() => ReadBool() ? ReadDecimal() : null;

    public Commands.WeightPatch ReadWeightPatch() => ReadByte() switch
    {
        0 => Commands.WeightPatch.Keep,
        1 => Commands.WeightPatch.Remove,
        2 => Commands.WeightPatch.Set(ReadDecimal()),
        var other => throw new InvalidDataException($"A weight patch holds {other}; only 0, 1 and 2 exist."),
    };

    /// <summary>What <see cref="FieldWriter.WriteFingerprint"/> wrote: the low half, then the high one.</summary>
    public RequestFingerprint ReadFingerprint() => new(Low: ReadUInt64(), High: ReadUInt64());

    private ulong ReadUInt64() => reader.TryReadLittleEndian(out long value) ? (ulong)value : throw Truncated();

    public decimal ReadDecimal()
    {
        Span<int> parts = stackalloc int[4];
        for (var i = 0; i < 4; i++)
        {
            if (!reader.TryReadLittleEndian(out int part))
            {
                throw Truncated();
            }

            parts[i] = part;
        }

        try
        {
            return new decimal(parts);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException("A decimal field holds an invalid bit pattern.", e);
        }
    }

    public string ReadString()
    {
        var length = ReadStringLength();

        // Most fields lie whole in the current segment: decoded in place, without slicing the sequence.
        string value;
        if (reader.UnreadSpan.Length >= length)
        {
            value = Encoding.UTF8.GetString(reader.UnreadSpan[..length]);
        }
        else
        {
            var bytes = reader.UnreadSequence.Slice(0, length);
            value = bytes.IsSingleSegment ? Encoding.UTF8.GetString(bytes.FirstSpan) : Encoding.UTF8.GetString(bytes.ToArray());
        }

        reader.Advance(length);
        return value;
    }

    /// <summary>
    /// A string many rows repeat (a model, a colour), as the instance <paramref name="labels"/> holds: a snapshot of a
    /// large farm then makes one string per distinct value instead of one per row. Without a pool, a plain string.
    /// </summary>
    public string ReadLabel(SharedStrings? labels)
    {
        if (labels is null)
        {
            return ReadString();
        }

        var length = ReadStringLength();
        if (reader.UnreadSpan.Length < length || length > 256)
        {
            var bytes = reader.UnreadSequence.Slice(0, length);
            reader.Advance(length);
            return labels.Share(Encoding.UTF8.GetString(bytes.ToArray()));
        }

        Span<char> chars = stackalloc char[length];
        var written = Encoding.UTF8.GetChars(reader.UnreadSpan[..length], chars);
        reader.Advance(length);
        return labels.Share(chars[..written]);
    }

    private int ReadStringLength()
    {
        var length = ReadVarUInt();
        return length > MaxStringBytes || reader.Remaining < length
            ? throw new InvalidDataException($"A string field claims {length} bytes but only {reader.Remaining} remain.")
            : (int)length;
    }

    public TEnum ReadEnum<TEnum>()
        where TEnum : struct, Enum
    {
        var raw = ReadByte();
        var value = (TEnum)Enum.ToObject(typeof(TEnum), raw);
        return Enum.IsDefined(value)
            ? value
            : throw new InvalidDataException($"{raw} is not a known {typeof(TEnum).Name}.");
    }

    private static InvalidDataException Truncated() => new("The data ends in the middle of a field.");
}
