namespace Raft3D.Node.Peers;

/// <summary>Another node's API answer, relayed as it came: status, content type and body.</summary>
public sealed record LeaderAnswer(int StatusCode, string ContentType, string Body)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;
}
