namespace Raft3D.Node.Api;

/// <summary>
/// A header an action sets on its successful answers that nothing else about the action implies, for Swagger
/// (see <see cref="HttpHeadersOperationFilter"/>); the headers every write or list has are derived instead.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ResponseHeaderAttribute(string name, string description) : Attribute
{
    public string Name { get; } = name;

    public string Description { get; } = description;
}
