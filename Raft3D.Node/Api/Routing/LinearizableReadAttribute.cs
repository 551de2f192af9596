namespace Raft3D.Node.Api.Routing;

/// <summary>
/// Endpoint metadata: a read of the farm that must never miss an acknowledged write, unless the client asks
/// for <c>?consistency=local</c> (<see cref="LinearizableReadMiddleware"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = true)]
public sealed class LinearizableReadAttribute : Attribute;
