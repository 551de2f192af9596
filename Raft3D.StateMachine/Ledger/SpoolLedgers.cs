namespace Raft3D.StateMachine.Ledger;

/// <summary>
/// Every spool's ledger, append-only, in the order the log made the entries. Stored (in the snapshot), not
/// derived: it is the history that explains the remaining weight, and history cannot be recomputed.
/// </summary>
internal sealed class SpoolLedgers
{
    private readonly Dictionary<string, List<LedgerEntry>> byFilament = new(StringComparer.Ordinal);
    private readonly long[] countsByKind = new long[Enum.GetValues<LedgerEntryKind>().Length + 1];

    public IReadOnlyList<LedgerEntry> Of(string filamentId)
        => byFilament.TryGetValue(filamentId, out var entries) ? entries : [];

    public long CountOf(LedgerEntryKind kind) => countsByKind[(int)kind];

    /// <summary>Entries in every ledger.</summary>
    public long Count => countsByKind.Sum();

    /// <summary>Appends an entry; its sequence must be the next of its spool (a snapshot out of order is damaged).</summary>
    public void Add(LedgerEntry entry)
    {
        if (!byFilament.TryGetValue(entry.FilamentId, out var entries))
        {
            entries = [];
            byFilament.Add(entry.FilamentId, entries);
        }

        if (entry.Sequence != entries.Count)
        {
            throw new InvalidDataException($"Ledger entry {entry.Sequence} of filament '{entry.FilamentId}' is out of order (expected {entries.Count}).");
        }

        entries.Add(entry);
        countsByKind[(int)entry.Kind]++;
    }

    /// <summary>
    /// Files <paramref name="entry"/> at sequence <paramref name="at"/> of its spool's ledger, renumbering the
    /// entries after it and their remaining weight. Only for replaying format 1 entries (see
    /// <see cref="FarmState.ChangeRemaining"/>); a ledger is otherwise append-only.
    /// </summary>
    public void Insert(LedgerEntry entry, int at)
    {
        var entries = byFilament[entry.FilamentId];
        entries.Insert(at, entry);
        var remaining = at == 0 ? 0m : entries[at - 1].RemainingAfter;
        for (var sequence = at; sequence < entries.Count; sequence++)
        {
            remaining += entries[sequence].Grams;
            entries[sequence] = entries[sequence] with { Sequence = sequence, RemainingAfter = remaining };
        }

        countsByKind[(int)entry.Kind]++;
    }

    /// <summary>
    /// Newest first: up to <paramref name="limit"/> entries older than sequence <paramref name="before"/> (-1: from
    /// the newest). The cursor names a sequence, which never changes, so pages stay stable while entries are added.
    /// </summary>
    public Page<LedgerEntry> Page(string filamentId, int before, int limit)
    {
        var entries = Of(filamentId);
        var start = before < 0 ? entries.Count - 1 : Math.Min(before, entries.Count) - 1;
        var items = new List<LedgerEntry>(Math.Min(limit, Math.Max(start + 1, 0)));
        for (var at = start; at >= 0 && items.Count < limit; at--)
        {
            items.Add(entries[at]);
        }

        var next = items.Count > 0 && items[^1].Sequence > 0 ? items[^1].Sequence : (int?)null;
        return new Page<LedgerEntry>(items, entries.Count, next);
    }

    public void Clear()
    {
        byFilament.Clear();
        Array.Clear(countsByKind);
    }
}
