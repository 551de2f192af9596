namespace Raft3D.Node.Api.Routing;

/// <summary>
/// Endpoint metadata: a stream of this node's own applied changes, deliberately neither linearizable nor
/// forwarded. It follows the node as it applies the log; a client that must not miss anything resumes by log
/// index (Last-Event-ID), which any node honours, instead of waiting for a read barrier once.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NodeLocalStreamAttribute : Attribute;
