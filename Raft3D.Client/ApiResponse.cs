using System.Net;

namespace Raft3D.Client;

/// <summary>
/// One answer from a node: the status, the body exactly as sent (for <c>-o json</c>), and either the parsed
/// value or the problem. <see cref="Node"/> says which node answered.
/// </summary>
public sealed record ApiResponse<T>(HttpStatusCode StatusCode, string RawJson, T? Value, Problem? Problem, Uri Node)
{
    public bool IsSuccess => (int)StatusCode is >= 200 and < 300;
}
