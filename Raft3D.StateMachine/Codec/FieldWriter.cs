using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Raft3D.StateMachine.Idempotency;

namespace Raft3D.StateMachine.Codec;

/// <summary>
/// Writes the primitive fields of commands and snapshots: bytes, 7-bit variable-length counts, decimals as their
/// four little-endian 32-bit parts (exact, unlike doubles), strings as a 7-bit length and UTF-8 bytes.
/// </summary>
/// <param name="canonicalDecimals">
/// Writes every decimal without trailing zeros: for fingerprints, where 12.5 and 12.50 are the same request.
/// Never for the log or snapshots, which keep a value exactly as it was.
/// </param>
internal readonly struct FieldWriter(IBufferWriter<byte> output, bool canonicalDecimals = false)
{
    public void WriteByte(byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    /// <summary>The same bytes as <see cref="WriteVarULong"/>: a count is a small index.</summary>
    public void WriteVarUInt(uint value) => WriteVarULong(value);

    public void WriteVarULong(ulong value)
    {
        var span = output.GetSpan(10);
        var written = 0;
        while (value >= 0x80)
        {
            span[written++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[written++] = (byte)value;
        output.Advance(written);
    }

    /// <summary>An instant as Unix milliseconds, little-endian; 0 for none (no real stamp is 1970).</summary>
    public void WriteTime(DateTimeOffset? value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(output.GetSpan(8), value?.ToUnixTimeMilliseconds() ?? 0L);
        output.Advance(8);
    }

    /// <summary>An id that may be absent, as the empty string, which no id can be (an unassigned job's printer).</summary>
    public void WriteOptionalId(string? id) => WriteString(id ?? string.Empty);

    public void WriteBool(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    /// <summary>A presence byte, then the string if present: a merge patch's "leave as is" needs its own value.</summary>
    public void WriteOptionalString(string? value)
    {
        WriteBool(value is not null);
        if (value is not null)
        {
            WriteString(value);
        }
    }

    /// <summary>
    /// A merge patch of a weight: 0 leave it, 1 clear it, 2 and the weight: set it. A clear carries no weight
    /// even if the struct holds one (it clears all the same): the reader stops after the 1.
    /// </summary>
    public void WriteWeightPatch(Commands.WeightPatch patch)
    {
        WriteByte(patch.Clear ? (byte)1 : patch.Value is null ? (byte)0 : (byte)2);
        if (!patch.Clear && patch.Value is { } value)
        {
            WriteDecimal(value);
        }
    }

    public void WriteOptionalDecimal(decimal? value)
    {
        WriteBool(value is not null);
        if (value is not null)
        {
            WriteDecimal(value.Value);
        }
    }

    /// <summary>16 bytes: the low half first, each half little-endian (a little-endian UInt128's bytes).</summary>
    public void WriteFingerprint(RequestFingerprint value)
    {
        value.WriteLittleEndian(output.GetSpan(RequestFingerprint.Size));
        output.Advance(RequestFingerprint.Size);
    }

    public void WriteDecimal(decimal value)
    {
        Span<int> parts = stackalloc int[4];
        decimal.GetBits(canonicalDecimals ? Filaments.Grams.Canonical(value) : value, parts);
        var span = output.GetSpan(16);
        for (var i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span[(i * 4)..], parts[i]);
        }

        output.Advance(16);
    }

    public void WriteString(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteVarUInt((uint)length);
        var written = Encoding.UTF8.GetBytes(value, output.GetSpan(length));
        output.Advance(written);
    }
}
