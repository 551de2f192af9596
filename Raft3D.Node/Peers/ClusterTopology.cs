using System.Net;
using Microsoft.AspNetCore.Connections;
using Raft3D.Node.Configuration;

namespace Raft3D.Node.Peers;

/// <summary>
/// The configured members, looked up by raft URL. It answers without a network call, which matters on the
/// forwarding path; members that are not configured here are found through their Raft metadata instead.
/// </summary>
public sealed class ClusterTopology(Raft3DOptions options)
{
    public NodeAddress Local { get; } = new(options.NodeId, options.RaftUrl, options.HttpUrl);

    public NodeAddress? FindByRaft(string raftUrl)
    {
        var member = options.Members.Find(m => Raft3DOptionsValidator.UrlsEqual(m.Raft, raftUrl));
        return member is null ? null : new NodeAddress(member.Id, member.Raft, member.Http);
    }

    public static string RaftUrlOf(EndPoint endPoint) => endPoint switch
    {
        UriEndPoint uri => uri.Uri.ToString(),
        _ => endPoint.ToString() ?? string.Empty,
    };
}
