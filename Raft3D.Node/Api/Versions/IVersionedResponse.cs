namespace Raft3D.Node.Api.Versions;

/// <summary>A single entity's response: its version becomes the ETag.</summary>
public interface IVersionedResponse
{
    long Version { get; }
}
