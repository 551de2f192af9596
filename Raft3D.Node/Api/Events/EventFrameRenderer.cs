using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Raft3D.Node.Api.Filaments;
using Raft3D.Node.Api.Printers;
using Raft3D.Node.Api.PrintJobs;
using Raft3D.Node.Store.Events;
using Raft3D.StateMachine.Changes;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.Ledger;
using Raft3D.StateMachine.Printers;
using Raft3D.StateMachine.PrintJobs;
using Raft3D.StateMachine.Stock;
using MvcJsonOptions = Microsoft.AspNetCore.Mvc.JsonOptions;

namespace Raft3D.Node.Api.Events;

/// <summary>
/// Turns a journal event into its Server-Sent Events frame: <c>event:</c>, <c>id:</c> (the log index, when it has
/// one) and one <c>data:</c> line holding the same JSON the API answers for that entity, so a client parses one shape.
/// </summary>
public sealed class EventFrameRenderer(IOptions<MvcJsonOptions> json, StockPolicy stock)
{
    private readonly JsonSerializerOptions options = json.Value.JsonSerializerOptions;

    public byte[] Render(JournalEvent e)
    {
        var body = BodyOf(e.Data);
        var buffer = new ArrayBufferWriter<byte>(512);
        Append(buffer, $"event: {e.Type}\n");
        if (e.Index is { } index)
        {
            Append(buffer, string.Create(CultureInfo.InvariantCulture, $"id: {index}\n"));
        }

        // Compact JSON has no raw line breaks (they are escaped inside strings), so one data line carries it.
        Append(buffer, "data: ");
        using (var writer = new Utf8JsonWriter(buffer))
        {
            JsonSerializer.Serialize(writer, body, body.GetType(), options);
        }

        Append(buffer, "\n\n");
        return buffer.WrittenSpan.ToArray();
    }

    private object BodyOf(object data) => data switch
    {
        FarmChange { Entity: PrinterView { Printer.IsDeleted: true } deleted } => new DeletedPrinterEvent(deleted.Printer.Id, true, deleted.Printer.Version),
        FarmChange { Entity: PrinterView printer } => PrinterResponse.From(printer),
        FarmChange { Entity: FilamentView filament } => FilamentResponse.From(filament, stock),
        FarmChange { Entity: PrintJobView job } => PrintJobResponse.From(job),
        FarmChange { Entity: LedgerEntry entry } => LedgerEntryResponse.From(entry),
        _ => data,
    };

    private static void Append(ArrayBufferWriter<byte> buffer, string text) => Encoding.UTF8.GetBytes(text, buffer);
}
