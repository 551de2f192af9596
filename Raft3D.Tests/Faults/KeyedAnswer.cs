using System.Net;

namespace Raft3D.Tests.Faults;

/// <summary>What a node answered to a <see cref="KeyedRequest"/>: who, the status, the body, and whether it was a kept answer.</summary>
internal sealed record KeyedAnswer(string Node, HttpStatusCode Status, string Body, bool Replayed, string? ETag);
