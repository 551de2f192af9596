namespace Raft3D.Node.Peers;

/// <summary>Keys this node publishes in its Raft member metadata so peers can find its API.</summary>
public static class MemberMetadataKeys
{
    public const string ApiUrl = "apiUrl";
    public const string NodeId = "nodeId";
}
