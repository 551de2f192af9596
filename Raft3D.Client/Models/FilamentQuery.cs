namespace Raft3D.Client;

/// <summary>Which spools a list asks for; false filters are not sent.</summary>
/// <param name="IncludeArchived">Also archived spools.</param>
/// <param name="LowStock">Only spools whose available grams are below their low-stock threshold.</param>
public sealed record FilamentQuery(bool IncludeArchived = false, bool LowStock = false);
